import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, messageOf } from './api.ts';
import { tokenFor, tokenRefused, tokenTaken } from './tokens.ts';
import type { BookingView } from './types.ts';

export type BookingLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'not_found' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'ready'; readonly booking: BookingView };

/**
 * GET /api/calls/{callId} with the token from the link or this browser (`tokens.ts`), polled every `pollMs`
 * while `keepPolling` says so. A wrong or missing token is "not found", as the API answers.
 */
export function useBooking(
  callId: string,
  options: { pollMs?: number; keepPolling?: (booking: BookingView) => boolean } = {},
) {
  const [token, setToken] = useState(() => tokenFor(callId));
  const [load, setLoad] = useState<BookingLoad>(() =>
    token ? { state: 'loading' } : { state: 'not_found' },
  );
  const keepPolling = useRef(options.keepPolling);
  keepPolling.current = options.keepPolling;
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!token) return;
    void tick;
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const booking = await api<BookingView>(`/api/calls/${encodeURIComponent(callId)}`, {
          token,
        });
        if (!live) return;
        tokenTaken(callId, token);
        setLoad({ state: 'ready', booking });
        if (options.pollMs && keepPolling.current?.(booking)) {
          timer = window.setTimeout(poll, options.pollMs);
        }
      } catch (error) {
        if (!live) return;
        if (error instanceof ApiError && error.status === 404) {
          // A cut-off link's token: the one this browser remembers is tried before giving up.
          const instead = tokenRefused(callId, token);
          if (instead) setToken(instead);
          else setLoad({ state: 'not_found' });
          return;
        }
        setLoad((current) =>
          current.state === 'ready' ? current : { state: 'failed', message: messageOf(error) },
        );
        if (options.pollMs) timer = window.setTimeout(poll, options.pollMs * 2);
      }
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [callId, token, options.pollMs, tick]);

  const replace = useCallback((booking: BookingView) => setLoad({ state: 'ready', booking }), []);
  return { load, token, refresh, replace };
}
