// The studio's data previews, loaded on the first one asked for: the preview service opens
// files through DuckDB, whose native library and bindings were a fifth of the studio's start
// (`pipewright serve` to listening) when every session loaded them up front.
import type { DataPreviewService } from '../preview/data-preview-service.js';
import { PreviewError } from '../preview/preview-files.js';

type Preview = DataPreviewService['preview'];

export class LazyPreviews {
  private service: Promise<DataPreviewService> | null = null;
  private closed = false;

  preview(...request: Parameters<Preview>): ReturnType<Preview> {
    if (this.closed) return Promise.reject(new PreviewError('the preview service is closed'));
    this.service ??= import('../preview/data-preview-service.js').then(
      ({ DataPreviewService: Service }) => new Service(),
    );
    return this.service.then((service) => service.preview(...request));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.service?.then(
      (service) => service.close(),
      () => undefined,
    );
  }
}
