import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PipelineError } from '../errors.js';

// Early refusal under overload (docs/threads.md, "Where back-pressure comes from"). A refusal made in the pipeline
// comes after the request's body was read and decoded, and under a flood of connections that decoding is the work
// that starves the process: every sender then waits seconds for an answer, and the health checks with them. So the
// parts that know the process is overloaded (the memory_limiter: memory over its soft limit, or too many spans, or too
// old a batch, waiting for their acknowledgement) register a check here, and the HTTP receivers ask it before they read
// a body: while a check says no, a request costs its headers only and is answered at once with its Retry-After.
// One gate per process, as the memory a limiter watches is the process's.
// A check made at the headers cannot see the requests admitted just before, whose bodies are still being read and
// decoded: under a flood hundreds are admitted at once and are refused by a later stage only after their decoding. So
// the gate counts the requests it admitted and has not yet answered, for the checks to take into account.

export type AdmissionCheck = () => PipelineError | undefined;

const checks = new Set<AdmissionCheck>();
let admitted = 0;

/** Adds a check that tells whether new data should be refused now; returns its removal. */
export function addAdmissionCheck(check: AdmissionCheck): () => void {
  checks.add(check);
  return () => checks.delete(check);
}

/** The refusal new data would get now, or undefined while every check admits it. */
export function admissionRefusal(): PipelineError | undefined {
  for (const check of checks) {
    const refusal = check();
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

/** POST requests the gate admitted that have not been answered yet (reading, decoding or waiting for their acknowledgement). */
export function admittedRequests(): number {
  return admitted;
}

/**
 * Refuses POST requests before their body is read while admissionRefusal() says so, answered by `refuse` in the
 * receiver's own words (its status, body shape and Retry-After); Node reads and drops the body unparsed.
 */
export function refuseWhenOverloaded(app: FastifyInstance, refuse: (request: FastifyRequest, reply: FastifyReply, err: PipelineError) => FastifyReply): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || checks.size === 0) return undefined;
    const refusal = admissionRefusal();
    if (refusal !== undefined) return refuse(request, reply, refusal);
    admitted++;
    // 'close' comes once the answer is sent or the connection is gone, whichever is first.
    reply.raw.once('close', () => admitted--);
    return undefined;
  });
}
