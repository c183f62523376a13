import { describe, expect, it } from 'vitest';
import { routeLimits, routeThrottles } from '../../functions/core/route-limits.ts';
import { routeKey, routes } from '../../functions/routes.ts';

describe('route limits', () => {
  it('name every route of the route table, and no other', () => {
    expect(Object.keys(routeLimits).sort()).toEqual(routes.map(routeKey).sort());
  });

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s takes a body only if it reads one',
    (key, route) => {
      const limits = routeLimits[key];

      // Reads and deletes take no body; only the webhooks take more than 16 KiB.
      if (route.method === 'GET' || route.method === 'DELETE') {
        expect(limits?.maxBodyBytes).toBeLessThanOrEqual(1024);
      }
      if (!route.path.startsWith('/api/webhooks/')) {
        expect(limits?.maxBodyBytes).toBeLessThanOrEqual(16 * 1024);
      }
      expect(limits?.routeClass === 'webhook').toBe(route.path.startsWith('/api/webhooks/'));
    },
  );

  it('throttle booking creation below reads and webhooks', () => {
    expect(routeLimits['POST /api/calls']?.routeClass).toBe('booking');
    expect(routeThrottles.booking.rateLimit).toBeLessThan(routeThrottles.read.rateLimit);
    expect(routeThrottles.booking.rateLimit).toBeLessThan(routeThrottles.webhook.rateLimit);
    for (const { rateLimit, burstLimit } of Object.values(routeThrottles)) {
      expect(burstLimit).toBeGreaterThanOrEqual(rateLimit);
    }
  });
});
