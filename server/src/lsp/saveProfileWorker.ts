/** Worker-thread entry, bundled to dist/saveProfileWorker.js: builds one reference profile (see saveProfile.ts). */
import { serveWorker } from '../engine/data/workerTask';
import { buildRequested } from './saveProfile';

serveWorker(buildRequested);
