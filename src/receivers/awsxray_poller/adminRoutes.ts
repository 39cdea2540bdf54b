import type { FastifyInstance } from 'fastify';
import type { XrayPoller } from '../../xray/poller/createXrayPoller.js';

/**
 * The poller's admin routes (what the Trigger/Terminate/Watchdog functions of dtPaTh's AWS.XRayExporter do): `POST /start`
 * starts the loop, `POST /stop` stops it (the lease is released) and `GET /status` shows the state, last window,
 * checkpoint, counts, lease holder and last error. Each answers with the status as JSON.
 */
export function registerAdminRoutes(app: FastifyInstance, poller: XrayPoller): void {
  app.get('/status', async () => poller.status());
  app.post('/start', async () => {
    poller.start();
    return poller.status();
  });
  app.post('/stop', async () => {
    await poller.stop();
    return poller.status();
  });
}
