// The resource both ways: a top-level document's `name`, `origin`, `aws` blocks (ec2, ecs, eks, elastic_beanstalk,
// cloudwatch_logs, xray) and `service` as resource attributes, and a resource as those fields of its segments.
import type { AnyValue, Attributes } from '../../model/span.js';
import { isJsonObject, stringOf } from './fieldReaders.js';
import { XRAY_AUTO_INSTRUMENTATION } from './xrayAttributeNames.js';
import type { XrayAws } from './xraySegmentDocument.js';

/** `origin` -> `cloud.platform` (the inverse of originFromResource, plus Lambda). */
const PLATFORMS: Record<string, string> = {
  'AWS::EC2::Instance': 'aws_ec2',
  'AWS::ECS::Container': 'aws_ecs',
  'AWS::ECS::EC2': 'aws_ecs',
  'AWS::ECS::Fargate': 'aws_ecs',
  'AWS::EKS::Container': 'aws_eks',
  'AWS::ElasticBeanstalk::Environment': 'aws_elastic_beanstalk',
  'AWS::AppRunner::Service': 'aws_app_runner',
  'AWS::Lambda': 'aws_lambda',
  'AWS::Lambda::Function': 'aws_lambda',
};

/**
 * Resource attributes of a top-level document (contrib's mapping with current keys): `service.name` from `name`,
 * `cloud.provider=aws` when there is an `aws` object (no "unknown" otherwise), `cloud.account.id`, `cloud.platform`
 * from `origin`, `cloud.resource_id` from `resource_arn`, the ec2/ecs/eks/elastic_beanstalk blocks as host, container,
 * k8s and service attributes, `cloudwatch_logs` as `aws.log.group.names`/`.arns`, the SDK as `telemetry.sdk.*` (name
 * verbatim, language the text after "for "), `service.version`.
 */
export function readXrayResource(node: Record<string, unknown>): Attributes {
  const res = new Map<string, AnyValue>();
  const set = (key: string, v: string | undefined) => {
    if (v !== undefined && !res.has(key)) res.set(key, v);
  };
  set('service.name', stringOf(node, 'name'));
  const aws = isJsonObject(node.aws) ? node.aws : undefined;
  if (aws !== undefined) res.set('cloud.provider', 'aws');
  const origin = stringOf(node, 'origin');
  if (origin !== undefined && PLATFORMS[origin] !== undefined) res.set('cloud.platform', PLATFORMS[origin]);
  set('cloud.account.id', stringOf(aws, 'account_id'));
  set('cloud.resource_id', stringOf(node, 'resource_arn'));
  set('service.version', stringOf(isJsonObject(node.service) ? node.service : undefined, 'version'));
  if (aws === undefined) return res;
  const block = (k: string) => (isJsonObject(aws[k]) ? aws[k] : undefined);
  const ec2 = block('ec2');
  set('host.id', stringOf(ec2, 'instance_id'));
  set('host.type', stringOf(ec2, 'instance_size'));
  set('host.image.id', stringOf(ec2, 'ami_id'));
  set('cloud.availability_zone', stringOf(ec2, 'availability_zone'));
  const eks = block('eks');
  set('k8s.cluster.name', stringOf(eks, 'cluster_name'));
  set('k8s.pod.name', stringOf(eks, 'pod'));
  set('container.id', stringOf(eks, 'container_id'));
  const ecs = block('ecs');
  set('container.name', stringOf(ecs, 'container'));
  set('container.id', stringOf(ecs, 'container_id'));
  set('cloud.availability_zone', stringOf(ecs, 'availability_zone'));
  set('aws.ecs.container.arn', stringOf(ecs, 'container_arn'));
  set('aws.ecs.cluster.arn', stringOf(ecs, 'cluster_arn'));
  set('aws.ecs.task.arn', stringOf(ecs, 'task_arn'));
  set('aws.ecs.task.family', stringOf(ecs, 'task_family'));
  set('aws.ecs.launchtype', stringOf(ecs, 'launch_type'));
  const eb = block('elastic_beanstalk');
  set('service.namespace', stringOf(eb, 'environment_name'));
  const deployment = eb?.deployment_id;
  if (typeof deployment === 'number' && Number.isSafeInteger(deployment)) set('service.instance.id', String(deployment));
  set('service.version', stringOf(eb, 'version_label'));
  const xray = block('xray');
  const sdk = stringOf(xray, 'sdk');
  set('telemetry.sdk.name', sdk);
  set('telemetry.sdk.version', stringOf(xray, 'sdk_version'));
  if (sdk !== undefined && sdk.includes('for ')) set('telemetry.sdk.language', sdk.slice(sdk.indexOf('for ') + 4));
  if (typeof xray?.auto_instrumentation === 'boolean') res.set(XRAY_AUTO_INSTRUMENTATION, xray.auto_instrumentation);
  const logs = Array.isArray(aws.cloudwatch_logs) ? aws.cloudwatch_logs.filter(isJsonObject) : [];
  const names = logs.map((l) => l.log_group).filter((x): x is string => typeof x === 'string');
  const arns = logs.map((l) => l.arn).filter((x): x is string => typeof x === 'string');
  if (names.length > 0) res.set('aws.log.group.names', names);
  if (arns.length > 0) res.set('aws.log.group.arns', arns);
  return res;
}

/** The segment `origin` for a native resource, as contrib derives it, or undefined. */
export function originFromResource(resource: Attributes): string | undefined {
  const provider = resource.get('cloud.provider');
  if (provider !== undefined && provider !== 'aws') return undefined;
  switch (resource.get('cloud.platform')) {
    case 'aws_app_runner': return 'AWS::AppRunner::Service';
    case 'aws_eks': return 'AWS::EKS::Container';
    case 'aws_elastic_beanstalk': return 'AWS::ElasticBeanstalk::Environment';
    case 'aws_ec2': return 'AWS::EC2::Instance';
    case 'aws_ecs': {
      const launch = resource.get('aws.ecs.launchtype');
      return launch === 'ec2' ? 'AWS::ECS::EC2' : launch === 'fargate' ? 'AWS::ECS::Fargate' : 'AWS::ECS::Container';
    }
    default: return undefined;
  }
}

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
 * `xray`, added to `aws`. Native spans follow contrib (blocks chosen by `cloud.platform`, the SDK as "<name> for
 * <language>"); for a resource decoded from X-Ray (`fromXray`) a block is written when its attributes are there, and
 * the SDK name is taken verbatim, which inverts the X-Ray -> OpenTelemetry mapping. Returns the `service.version` the
 * `service` object should carry, or undefined when Elastic Beanstalk took it as `version_label`.
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
