/** Worker-thread entry, bundled to dist/readWorker.js: reads one CSV (see readInWorker.ts). */
import { readRequested, transferablesOf } from './readInWorker';
import { serveWorker } from './workerTask';

serveWorker(readRequested, transferablesOf);
