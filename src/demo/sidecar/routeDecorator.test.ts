import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { routeDecoratorName } from './routeDecorator.js';

describe('routeDecoratorName', () => {
  test('default routes are <fqdn>:9080/*', () => {
    assert.equal(routeDecoratorName('reviews', '/reviews/0'), 'reviews.default.svc.cluster.local:9080/*');
  });

  test("productpage's exact and prefix routes name their match", () => {
    assert.equal(routeDecoratorName('productpage', '/productpage?u=normal'), 'productpage.default.svc.cluster.local:9080/productpage');
    assert.equal(routeDecoratorName('productpage', '/static/css/style.css'), 'productpage.default.svc.cluster.local:9080/static*');
    assert.equal(routeDecoratorName('productpage', '/other'), 'productpage.default.svc.cluster.local:9080/*');
  });
});
