/** Worker-thread entry, bundled to dist/featureWorker.js: tests the columns it is sent (see parallelDrift.ts). */
import { serveColumns } from './parallelDrift';

serveColumns();
