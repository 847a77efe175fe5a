/**
 * Running one task of the engine on a worker thread (node:worker_threads), for the two
 * sides of the exchange: `runWorker` on the thread that asks, `serveWorker` in the worker's
 * entry point. Progress comes back as messages; errors come back as errors, an InputError
 * with its file, line and column; aborting the signal terminates the worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { InputError } from '../inputError';

type WorkerMessage<Result, Progress> =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: Result }
  | { type: 'inputError'; message: string; location: InputError['location'] }
  | { type: 'error'; message: string; stack?: string };

/**
 * The bundle `file` next to the running bundle (dist/), when there is one: there is when
 * the engine runs bundled (the CLI, the language server), not when its sources run
 * unbundled (tests), where the work stays on the calling thread.
 */
export function bundledWorker(file: string): string | undefined {
  const script = join(__dirname, file);
  return existsSync(script) ? script : undefined;
}

export interface RunWorkerOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** What the worker does, for the message should it die. */
  task: string;
}

/** Starts `script` with `data` and settles with what its serveWorker task gives or throws. */
export function runWorker<Result, Progress>(
  script: string,
  data: unknown,
  { signal, onProgress, task }: RunWorkerOptions<Progress>,
): Promise<Result> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Result>((resolve, reject) => {
    const worker = new Worker(script, { workerData: data });
    let settled = false;
    const settle = (error: unknown, result?: { value: Result }) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (result) resolve(result.value);
      else reject(error);
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage<Result, Progress>) => {
      switch (message.type) {
        case 'progress':
          try {
            onProgress?.(message.progress);
          } catch (error) {
            settle(error);
          }
          return;
        case 'result':
          return settle(undefined, { value: message.result });
        case 'inputError':
          return settle(new InputError(message.message, message.location));
        case 'error': {
          const error = new Error(message.message);
          if (message.stack) error.stack = message.stack;
          return settle(error);
        }
      }
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) =>
      settle(new Error(`The worker ${task} stopped (exit code ${code}) before it finished.`)),
    );
  });
}

/**
 * In a worker's entry point: runs `work` on the worker's data, posting its progress and
 * then its result (with the buffers `transfer` names moved, not copied) or its error.
 */
export function serveWorker<Data, Result, Progress>(
  work: (data: Data, onProgress: (progress: Progress) => void) => Promise<Result>,
  transfer: (result: Result) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort;
  if (!port) return;
  type Message = WorkerMessage<Result, Progress>;
  const post = (message: Message, buffers: ArrayBuffer[] = []) => port.postMessage(message, buffers);
  work(workerData as Data, (progress) => post({ type: 'progress', progress })).then(
    (result) => post({ type: 'result', result }, transfer(result)),
    (error: unknown) =>
      post(
        error instanceof InputError
          ? { type: 'inputError', message: error.message, location: error.location }
          : {
              type: 'error',
              message: error instanceof Error ? error.message : String(error),
              stack: error instanceof Error ? error.stack : undefined,
            },
      ),
  );
}
