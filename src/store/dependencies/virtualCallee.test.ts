import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyValue } from '../../model/span.js';
import { awsResourceOf, parseCalleeName, peerOfCalleeName, virtualCalleeName } from './virtualCallee.js';

const attrs = (o: Record<string, AnyValue>) => new Map(Object.entries(o));

test('a call that is not to AWS is named by its peer, as before', () => {
  assert.equal(virtualCalleeName(attrs({ 'server.address': 'api.example.com', 'db.system': 'x' })), 'api.example.com');
  assert.equal(virtualCalleeName(attrs({ 'rpc.system': 'grpc', 'rpc.service': 'Cart' })), undefined);
  assert.deepEqual(parseCalleeName('api.example.com'), { peer: 'api.example.com' });
});

test('a call to AWS keeps the peer and the resource, and reads back as both', () => {
  const name = virtualCalleeName(attrs({ 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'aws.dynamodb.table_names': ['Users'], 'peer.service': 'DynamoDB' }));
  assert.deepEqual(parseCalleeName(name ?? ''), { peer: 'DynamoDB', resource: { type: 'AWS::DynamoDB::Table', name: 'Users' } });
  assert.equal(peerOfCalleeName(name ?? ''), 'DynamoDB');
  const noPeer = virtualCalleeName(attrs({ 'rpc.system': 'aws-api', 'rpc.service': 'S3', 'aws.s3.bucket': 'media' }));
  assert.deepEqual(parseCalleeName(noPeer ?? ''), { peer: '', resource: { type: 'AWS::S3::Bucket', name: 'media' } });
});

test('AWS resources from the X-Ray codec\'s attributes and from Application Signals', () => {
  const xray = { 'aws.xray.namespace': 'aws' };
  assert.deepEqual(awsResourceOf(attrs({ ...xray, 'peer.service': 'SQS', 'aws.queue_url': 'https://sqs.us-east-1.amazonaws.com/123/orders' })), { type: 'AWS::SQS::Queue', name: 'orders' });
  assert.deepEqual(awsResourceOf(attrs({ ...xray, 'peer.service': 'SNS', 'aws.topic_arn': 'arn:aws:sns:us-east-1:123:alerts' })), { type: 'AWS::SNS::Topic', name: 'alerts' });
  assert.deepEqual(awsResourceOf(attrs({ ...xray, 'peer.service': 'Lambda', 'faas.invoked_name': 'resize' })), { type: 'AWS::Lambda::Function', name: 'resize' });
  // Several tables (BatchGetItem): no one table to name, so the service.
  assert.deepEqual(awsResourceOf(attrs({ ...xray, 'rpc.service': 'DynamoDB', 'aws.dynamodb.table_names': ['a', 'b'] })), { type: 'AWS::DynamoDB', name: 'DynamoDB' });
  assert.deepEqual(awsResourceOf(attrs({ 'rpc.system': 'aws-api', 'aws.remote.service': 'AWS::Kinesis' })), { type: 'AWS::Kinesis', name: 'Kinesis' });
  assert.deepEqual(awsResourceOf(attrs({ 'aws.remote.resource.type': 'AWS::DynamoDB::Table', 'aws.remote.resource.identifier': 'Users' })), { type: 'AWS::DynamoDB::Table', name: 'Users' });
  assert.equal(awsResourceOf(attrs({ 'aws.xray.namespace': 'remote', 'peer.service': 'cart' })), undefined);
});
