import type { Attributes } from '../../model/span.js';
import { XRAY_AUTO_INSTRUMENTATION } from './xrayAttributeNames.js';
import type { XrayAws } from './xraySegmentDocument.js';

const str = (a: Attributes, k: string): string | undefined => {
  const v = a.get(k);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

function strings(a: Attributes, k: string): string[] | undefined {
  const v = a.get(k);
  if (typeof v === 'string') return v.split('&');
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/**
 * The resource's part of a segment's `aws` object: `ec2`, `ecs`, `eks`, `elastic_beanstalk`, `cloudwatch_logs` and
 * `xray`, added to `aws`. Native spans follow contrib (blocks chosen by `cloud.platform`, the SDK as
 * "<name> for <language>"); for a resource decoded from X-Ray (`fromXray`) a block is written when its attributes are
 * there, and the SDK name is taken verbatim, which inverts the X-Ray -> OpenTelemetry mapping. Returns the
 * `service.version` the `service` object should carry, or undefined when Elastic Beanstalk took it as `version_label`.
 */
export function writeResourceAwsBlocks(resource: Attributes, aws: XrayAws, fromXray: boolean): string | undefined {
  const platform = str(resource, 'cloud.platform');
  const zone = str(resource, 'cloud.availability_zone');
  const containerId = str(resource, 'container.id');
  if (!fromXray && aws.account_id === undefined) put(aws, 'account_id', str(resource, 'cloud.account.id'));

  const ec2: Record<string, unknown> = {};
  if (fromXray || platform === 'aws_ec2' || str(resource, 'host.id') !== undefined) {
    put(ec2, 'instance_id', str(resource, 'host.id'));
    put(ec2, 'instance_size', str(resource, 'host.type'));
    put(ec2, 'ami_id', str(resource, 'host.image.id'));
    if (Object.keys(ec2).length > 0 || !fromXray) put(ec2, 'availability_zone', zone);
    if (Object.keys(ec2).length > 0) aws.ec2 = ec2;
  }

  const eks: Record<string, unknown> = {};
  if (fromXray || platform === 'aws_eks' || str(resource, 'k8s.cluster.name') !== undefined) {
    put(eks, 'cluster_name', str(resource, 'k8s.cluster.name'));
    put(eks, 'pod', str(resource, 'k8s.pod.name'));
    if (Object.keys(eks).length > 0 || !fromXray) put(eks, 'container_id', containerId);
    if (Object.keys(eks).length > 0) aws.eks = eks;
  }

  const ecs: Record<string, unknown> = {};
  if (fromXray || platform === 'aws_ecs') {
    put(ecs, 'container', str(resource, 'container.name'));
    put(ecs, 'container_arn', str(resource, 'aws.ecs.container.arn'));
    put(ecs, 'cluster_arn', str(resource, 'aws.ecs.cluster.arn'));
    put(ecs, 'task_arn', str(resource, 'aws.ecs.task.arn'));
    put(ecs, 'task_family', str(resource, 'aws.ecs.task.family'));
    put(ecs, 'launch_type', str(resource, 'aws.ecs.launchtype'));
    if (Object.keys(ecs).length > 0 || !fromXray) {
      if (aws.eks === undefined) put(ecs, 'container_id', containerId);
      put(ecs, 'availability_zone', zone);
    }
    if (Object.keys(ecs).length > 0) aws.ecs = ecs;
  }

  let serviceVersion = str(resource, 'service.version') ?? (fromXray ? undefined : str(resource, 'container.image.tag'));
  const instanceId = str(resource, 'service.instance.id');
  if (fromXray ? instanceId !== undefined || str(resource, 'service.namespace') !== undefined : platform === 'aws_elastic_beanstalk' && instanceId !== undefined) {
    const eb: Record<string, unknown> = {};
    put(eb, 'environment_name', str(resource, 'service.namespace'));
    put(eb, 'version_label', serviceVersion);
    if (instanceId !== undefined) eb.deployment_id = /^\d{1,15}$/.test(instanceId) ? Number(instanceId) : fromXray ? instanceId : 0;
    aws.elastic_beanstalk = eb;
    serviceVersion = undefined;
  }

  const arns = strings(resource, 'aws.log.group.arns');
  const names = strings(resource, 'aws.log.group.names');
  if (fromXray && (arns || names)) {
    const n = Math.max(arns?.length ?? 0, names?.length ?? 0);
    aws.cloudwatch_logs = Array.from({ length: n }, (_, i) => {
      const entry: { log_group?: string; arn?: string } = {};
      if (names?.[i] !== undefined) entry.log_group = names[i];
      if (arns?.[i] !== undefined) entry.arn = arns[i];
      return entry;
    });
  } else if (arns) aws.cloudwatch_logs = arns.map((arn) => ({ log_group: arn.split(':')[6] ?? '', arn }));
  else if (names) aws.cloudwatch_logs = names.map((log_group) => ({ log_group }));

  const xray: Record<string, unknown> = {};
  const sdkName = str(resource, 'telemetry.sdk.name');
  const language = str(resource, 'telemetry.sdk.language');
  put(xray, 'sdk', fromXray || sdkName === undefined || language === undefined ? sdkName : `${sdkName} for ${language}`);
  put(xray, 'sdk_version', str(resource, 'telemetry.sdk.version'));
  const auto = resource.get(XRAY_AUTO_INSTRUMENTATION);
  if (typeof auto === 'boolean') xray.auto_instrumentation = auto;
  else if (!fromXray && Object.keys(xray).length > 0) xray.auto_instrumentation = resource.has('telemetry.auto.version');
  if (Object.keys(xray).length > 0) aws.xray = xray;
  return serviceVersion;
}
