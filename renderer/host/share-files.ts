// Files the host shares from the window, as the bridge takes them: each with a preview made here when
// it is a picture (as the page makes one), so the room stores and sends the small one to everybody.
import type { ShareItem } from '../../electron/ipc-contract.js';
import { makePreview } from '../shared/image-preview.js';

export async function withPreviews(files: readonly File[]): Promise<ShareItem[]> {
  return Promise.all(
    files.map(async (file) => {
      const preview = await makePreview(file);
      if (preview === null) return { file };
      return { file, preview: { bytes: new Uint8Array(await preview.blob.arrayBuffer()), width: preview.width, height: preview.height } };
    }),
  );
}
