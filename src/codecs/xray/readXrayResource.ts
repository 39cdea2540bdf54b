import type { AnyValue, Attributes } from '../../model/span.js';
import { isJsonObject } from './isJsonObject.js';
import { XRAY_AUTO_INSTRUMENTATION } from './xrayAttributeNames.js';
import { stringOf } from './xrayFieldReaders.js';

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
 * Resource attributes of a top-level document (contrib's mapping with current keys): `service.name`
 * from `name`, `cloud.provider=aws` when there is an `aws` object (no "unknown" otherwise), `cloud.account.id`,
 * `cloud.platform` from `origin`, `cloud.resource_id` from `resource_arn`, the ec2/ecs/eks/elastic_beanstalk blocks as
 * host, container, k8s and service attributes, `cloudwatch_logs` as `aws.log.group.names`/`.arns`, the SDK as
 * `telemetry.sdk.*` (name verbatim, language the text after "for "), `service.version`.
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
