import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { PipelineError } from '../errors.js';
import { addAdmissionCheck, admissionRefusal, refuseWhenOverloaded } from './admissionGate.js';

test('a POST is answered by the refusal before its body is parsed while a check says no; other methods and an admitting gate pass', async () => {
  const app = Fastify();
  let parsed = 0;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    parsed++;
    done(null, body);
  });
  refuseWhenOverloaded(app, (_request, reply, err) => reply.code(err.httpStatus).header('retry-after', '1').send(err.message));
  app.post('/spans', async () => 'stored');
  app.get('/spans', async () => 'read');

  let overloaded = true;
  const remove = addAdmissionCheck(() => (overloaded ? new PipelineError('SB_OVERLOADED', 'too much waits') : undefined));
  try {
    const refused = await app.inject({ method: 'POST', url: '/spans', payload: 'x'.repeat(1000), headers: { 'content-type': 'application/json' } });
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(refused.body, 'too much waits');
    assert.equal(parsed, 0, 'the body was never parsed');
    assert.equal((await app.inject({ method: 'GET', url: '/spans' })).body, 'read');

    overloaded = false;
    assert.equal(admissionRefusal(), undefined);
    const stored = await app.inject({ method: 'POST', url: '/spans', payload: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(stored.body, 'stored');
    assert.equal(parsed, 1);
  } finally {
    remove();
    await app.close();
  }
  assert.equal(admissionRefusal(), undefined, 'a removed check says nothing');
});
