/**
 * The layout engine: ELK in a web worker (ELK's own `elk-worker.min.js`), so that laying out a
 * large graph never freezes the page.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutInput } from './layout';

/**
 * ELK's worker, started from a `blob:` URL: a webview cannot start a worker from its resource
 * origin. The worker lays graphs out one at a time; once it fails, every layout is rejected.
 */
export class LayoutEngine {
  private readonly elk: InstanceType<typeof ELK>;
  private failure: Error | undefined;
  private readonly rejecters = new Set<(error: Error) => void>();

  private constructor(worker: Worker) {
    worker.addEventListener('error', (event) => this.fail(new Error(`The layout worker failed: ${event.message || 'unknown error'}`)));
    this.elk = new ELK({ workerFactory: () => worker, algorithms: ['layered'] });
  }

  static async start(workerUrl: string): Promise<LayoutEngine> {
    const response = await fetch(workerUrl);
    if (!response.ok) throw new Error(`The layout worker could not be loaded (${response.status} ${response.statusText}).`);
    const code = await response.blob();
    return new LayoutEngine(new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))));
  }

  async layout(input: LayoutInput): Promise<ElkNode> {
    if (this.failure) throw this.failure;
    return new Promise<ElkNode>((resolve, reject) => {
      this.rejecters.add(reject);
      this.elk.layout(input.elk).then(
        (result) => {
          this.rejecters.delete(reject);
          resolve(result);
        },
        (error: unknown) => {
          this.rejecters.delete(reject);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const reject of this.rejecters) reject(error);
    this.rejecters.clear();
  }
}
