import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, setConfig } from './config';
import { putFile, readFile } from './files';

describe('file store on local disk', () => {
  it('stores by content, once, and reads back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-files-'));
    setConfig(loadConfig({ LOA_DATA_DIR: dir } as NodeJS.ProcessEnv));
    const a = await putFile(Buffer.from('Trường THCS Lê Lợi'));
    const b = await putFile(Buffer.from('Trường THCS Lê Lợi'));
    expect(a.key).toBe(b.key);
    expect((await readFile(a.key)).toString()).toBe('Trường THCS Lê Lợi');
    await expect(readFile('../../etc/passwd')).rejects.toThrow('invalid file key');
  });
});
