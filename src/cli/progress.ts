/** A progress bar with rate and ETA on a terminal (cli-progress); silent when not a TTY or with --json. */
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  /** A short status shown after the rate (the queue's jobs and workers). */
  note(text: string): void;
  stop(): void;
}

export function progressBar(label: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY)
    return { update: () => undefined, note: () => undefined, stop: () => undefined };
  // Loaded only to draw a bar: a piped or scripted command never does (start-up time, bench/startup.js).
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {percentage}% | {value}/{total} runs | {rate} runs/s | ETA {eta_formatted}{extra}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let begun = false;
  let extra = '';
  return {
    update(done, total) {
      if (!begun) {
        bar.start(total, 0, { rate: '-', extra });
        begun = true;
      }
      const secs = (Date.now() - started) / 1000;
      bar.update(done, { rate: secs > 0 ? Math.round(done / secs) : '-', extra });
    },
    note(text) {
      extra = ` | ${text}`;
      if (begun) bar.update({ extra });
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}
