import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from './config';

/**
 * Stored files, on local disk under `$LOA_DATA_DIR/files`, addressed by the
 * SHA-256 of their content (the same file twice is stored once, and a key
 * can never point outside the folder). An S3-compatible store can implement
 * the same two functions when web runs on several machines.
 */
export type StoredFile = { key: string; size: number };

function root(): string {
  return path.join(config().dataDir, 'files');
}

export async function putFile(data: Buffer): Promise<StoredFile> {
  const key = crypto.createHash('sha256').update(data).digest('hex');
  const file = path.join(root(), key.slice(0, 2), key);
  if (!fs.existsSync(file)) {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // write then rename: a crash never leaves a half-written file under the final name
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  }
  return { key, size: data.length };
}

export async function readFile(key: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('invalid file key');
  return fs.promises.readFile(path.join(root(), key.slice(0, 2), key));
}
