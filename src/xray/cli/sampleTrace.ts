// The sample trace the `xray send-sample` / `generate-sample` commands send (dtPaTh/AWS.XRayExporter's connector
// offers the same as TestSendSampleTrace / TestGenerateSampleTrace). The documents are the Scorekeep trace of
// the AWS X-Ray developer guide's BatchGetTraces example, as kept in dtPaTh/AWS.XRayExporter
// XRayExporter.Test/data/batchgettraces.json @21efc36 (Apache-2.0); test/fixtures/xray/dtPaTh-AWS.XRayExporter holds
// the same file. Two of the five are inferred segments X-Ray itself derives.
import { randomBytes } from 'node:crypto';

const SCOREKEEP_DOCUMENTS: ReadonlyArray<Record<string, unknown>> = [
  {"id": "1fb07842d944e714", "name": "random-name", "start_time": 1499473411.677, "end_time": 1499473414.572, "parent_id": "0c544c1b1bbff948", "http": {"response": {"status": 200}}, "aws": {"request_id": "ac086670-6373-11e7-a174-f31b3397f190"}, "trace_id": "1-59602603-23fc5b688855d396af79b496", "origin": "AWS::Lambda", "resource_arn": "arn:aws:lambda:us-west-2:123456789012:function:random-name"},
  {"id": "194fcc8747581230", "name": "Scorekeep", "start_time": 1499473411.562, "end_time": 1499473414.794, "http": {"request": {"url": "http://scorekeep.elasticbeanstalk.com/api/user", "method": "POST", "user_agent": "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/59.0.3071.115 Safari/537.36", "client_ip": "205.251.233.183"}, "response": {"status": 200}}, "aws": {"elastic_beanstalk": {"version_label": "app-abb9-170708_002045", "deployment_id": 406, "environment_name": "scorekeep-dev"}, "ec2": {"availability_zone": "us-west-2c", "instance_id": "i-0cd9e448944061b4a"}, "xray": {"sdk_version": "1.1.2", "sdk": "X-Ray for Java"}}, "service": {}, "trace_id": "1-59602603-23fc5b688855d396af79b496", "user": "5M388M1E", "origin": "AWS::ElasticBeanstalk::Environment", "subsegments": [{"id": "0c544c1b1bbff948", "name": "Lambda", "start_time": 1499473411.629, "end_time": 1499473414.572, "http": {"response": {"status": 200, "content_length": 14}}, "aws": {"log_type": "None", "status_code": 200, "function_name": "random-name", "invocation_type": "RequestResponse", "operation": "Invoke", "request_id": "ac086670-6373-11e7-a174-f31b3397f190", "resource_names": ["random-name"]}, "namespace": "aws"}, {"id": "071684f2e555e571", "name": "## UserModel.saveUser", "start_time": 1499473414.581, "end_time": 1499473414.769, "metadata": {"debug": {"test": "Metadata string from UserModel.saveUser"}}, "subsegments": [{"id": "4cd3f10b76c624b4", "name": "DynamoDB", "start_time": 1499473414.69, "end_time": 1499473414.769, "http": {"response": {"status": 200, "content_length": 57}}, "aws": {"table_name": "scorekeep-user", "operation": "UpdateItem", "request_id": "MFQ8CGJ3JTDDVVVASUAAJGQ6NJ82F738BOB4KQNSO5AEMVJF66Q9", "resource_names": ["scorekeep-user"]}, "namespace": "aws"}]}]},
  {"id": "00f91aa01f4984fd", "name": "random-name", "start_time": 1499473412.83, "end_time": 1499473414.57, "parent_id": "1fb07842d944e714", "aws": {"function_arn": "arn:aws:lambda:us-west-2:123456789012:function:random-name", "resource_names": ["random-name"], "account_id": "123456789012"}, "trace_id": "1-59602603-23fc5b688855d396af79b496", "origin": "AWS::Lambda::Function", "subsegments": [{"id": "e6d2fe619f827804", "name": "annotations", "start_time": 1499473413.012, "end_time": 1499473413.069, "annotations": {"UserID": "5M388M1E", "Name": "Ola"}}, {"id": "b29b548af4d54a0f", "name": "SNS", "start_time": 1499473413.112, "end_time": 1499473414.071, "http": {"response": {"status": 200}}, "aws": {"operation": "Publish", "region": "us-west-2", "request_id": "a2137970-f6fc-5029-83e8-28aadeb99198", "retries": 0, "topic_arn": "arn:aws:sns:us-west-2:123456789012:awseb-e-ruag3jyweb-stack-NotificationTopic-6B829NT9V5O9"}, "namespace": "aws"}, {"id": "2279c0030c955e52", "name": "Initialization", "start_time": 1499473412.064, "end_time": 1499473412.819, "aws": {"function_arn": "arn:aws:lambda:us-west-2:123456789012:function:random-name"}}]},
  {"id": "17ba309b32c7fbaf", "name": "DynamoDB", "start_time": 1499473414.69, "end_time": 1499473414.769, "parent_id": "4cd3f10b76c624b4", "inferred": true, "http": {"response": {"status": 200, "content_length": 57}}, "aws": {"table_name": "scorekeep-user", "operation": "UpdateItem", "request_id": "MFQ8CGJ3JTDDVVVASUAAJGQ6NJ82F738BOB4KQNSO5AEMVJF66Q9", "resource_names": ["scorekeep-user"]}, "trace_id": "1-59602603-23fc5b688855d396af79b496", "origin": "AWS::DynamoDB::Table"},
  {"id": "1ee3c4a523f89ca5", "name": "SNS", "start_time": 1499473413.112, "end_time": 1499473414.071, "parent_id": "b29b548af4d54a0f", "inferred": true, "http": {"response": {"status": 200}}, "aws": {"operation": "Publish", "region": "us-west-2", "request_id": "a2137970-f6fc-5029-83e8-28aadeb99198", "retries": 0, "topic_arn": "arn:aws:sns:us-west-2:123456789012:awseb-e-ruag3jyweb-stack-NotificationTopic-6B829NT9V5O9"}, "trace_id": "1-59602603-23fc5b688855d396af79b496", "origin": "AWS::SNS"}
];

export interface SampleTrace {
  /** `1-{8 hex}-{24 hex}` with the epoch of `nowMillis`. */
  traceId: string;
  /** Every document, inferred segments included (what BatchGetTraces would return). */
  documents: Array<Record<string, unknown>>;
  /** The documents an application would send with PutTraceSegments (no inferred segments). */
  sentDocuments: Array<Record<string, unknown>>;
}

type Json = Record<string, unknown>;

/**
 * The Scorekeep trace moved to now (it ends a second before `nowMillis`, inside X-Ray's accepted epoch window) with a
 * fresh trace id and fresh segment ids (parents follow), so each run is a new trace.
 */
export function sampleTrace(nowMillis: number, random: (bytes: number) => string = (n) => randomBytes(n).toString('hex')): SampleTrace {
  const docs = structuredClone(SCOREKEEP_DOCUMENTS) as Json[];
  let minStart = Infinity;
  let maxEnd = -Infinity;
  const ids = new Map<string, string>();
  const visit = (node: Json, fn: (n: Json) => void) => {
    fn(node);
    if (Array.isArray(node.subsegments)) for (const s of node.subsegments as Json[]) visit(s, fn);
  };
  for (const d of docs) {
    visit(d, (n) => {
      if (typeof n.start_time === 'number') minStart = Math.min(minStart, n.start_time);
      if (typeof n.end_time === 'number') maxEnd = Math.max(maxEnd, n.end_time);
      if (typeof n.id === 'string') ids.set(n.id, random(8));
    });
  }
  const shiftSeconds = (nowMillis - 1000) / 1000 - maxEnd;
  const traceId = `1-${Math.floor((minStart + shiftSeconds)).toString(16).padStart(8, '0')}-${random(12)}`;
  const round = (s: number) => Math.round(s * 1e6) / 1e6;
  for (const d of docs) {
    d.trace_id = traceId;
    visit(d, (n) => {
      if (typeof n.id === 'string') n.id = ids.get(n.id);
      if (typeof n.parent_id === 'string') n.parent_id = ids.get(n.parent_id) ?? n.parent_id;
      if (typeof n.start_time === 'number') n.start_time = round(n.start_time + shiftSeconds);
      if (typeof n.end_time === 'number') n.end_time = round(n.end_time + shiftSeconds);
    });
  }
  return { traceId, documents: docs, sentDocuments: docs.filter((d) => d.inferred !== true) };
}
