/**
 * @module cli/signals
 * Ctrl-C handling for long commands: the first SIGINT/SIGTERM asks the command to stop cleanly, a second one
 * exits at once. While installed, the signals no longer kill the process by default; the returned function
 * restores the previous behaviour.
 */

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export function onStopSignals(
  first: (sig: StopSignal) => void,
  again: (sig: StopSignal) => void,
): () => void {
  let received = 0;
  const handlers = STOP_SIGNALS.map((sig) => {
    const h = () => {
      received++;
      if (received === 1) first(sig);
      else again(sig);
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}
