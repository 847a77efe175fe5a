/** Worker-thread entry, bundled to dist/analyzeWorker.js: one whole analysis (see analyze.ts). */
import { serveWorker } from '../data/workerTask';
import { analyzeRequested } from './analyze';

serveWorker(analyzeRequested);
