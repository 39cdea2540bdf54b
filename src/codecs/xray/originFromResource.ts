import type { Attributes } from '../../model/span.js';

/** The segment `origin` for a native resource, from `cloud.platform` (docs/xray-mapping.md, "Resources and origin"). */
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
