// Files through the room's HTTP routes, end to end with real clients on 127.0.0.1: upload, share in a
// chat message, the raw clients' lines, download links, a resumed upload, sessions, and a muted guest's
// files. What a download sends is file-download.test.ts, the limits on uploads uploads.test.ts, and
// what the host's removals and clears do to files room-moderation.test.ts.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadState } from '../../../common/files.js';
import type { ChatMessage } from '../../../common/model.js';
import { isFileChat, roomWithGuest, share } from '../../support/file-room.js';
import { Client, rawClient, richClient, stopAll } from '../../support/room-fixture.js';
import { errorCode, http, json, PNG_1X1, putBytes, sha256, startUpload, upload, uploadState, WEBP_1X1 } from '../../support/files.js';

afterEach(stopAll);

describe('sharing a file', () => {
  it('stores it, then delivers one message with its reference; the link returns exactly the bytes', async () => {
    const { base, client, session, url } = await roomWithGuest();
    const raw = await rawClient(url);
    const bytes = randomBytes(100_000);
    const id = await upload(base, session, bytes, '报告 final.bin', 'application/octet-stream');
    share(client, [id], 'the report');
    const chat = await client.next(isFileChat);
    expect(chat.text).toBe('the report');
    expect(chat.clientMsgId).toBe('m1');
    expect(chat.files).toEqual([{ id, name: '报告 final.bin', size: 100_000, type: 'application/octet-stream', sha256: sha256(bytes) }]);
    // Raw clients: the caption, then one line per file with an absolute link built from their Host.
    await raw.until(() => raw.received.length >= 2, 'two raw lines');
    expect(raw.texts()[0]).toBe('Ann: the report');
    const line = raw.texts()[1]!;
    const link = `http://127.0.0.1:${new URL(base).port}/files/${id}/${encodeURIComponent('报告 final.bin')}`;
    expect(line).toBe(`Ann: 报告 final.bin (98 KB) ${link}`);
    const download = await http(link, 'GET', link);
    expect(download.status).toBe(200);
    expect(sha256(download.body)).toBe(sha256(bytes));
    expect(download.headers['content-length']).toBe('100000');
  });

  it('gives each raw client a link to the address it connected to', async () => {
    const { base, client, session, url, port } = await roomWithGuest();
    const byIp = await rawClient(url);
    const byName = await new Client(`ws://127.0.0.1:${port}/`, 'lws-minimal', { headers: { host: `localhost:${port}` } }).open();
    const id = await upload(base, session, Buffer.from('hello'), 'a.txt');
    share(client, [id]);
    await byIp.untilCount(1);
    await byName.untilCount(1);
    // No caption: only the file line.
    expect(byIp.texts()).toEqual([`Ann: a.txt (5 B) http://127.0.0.1:${port}/files/${id}/a.txt`]);
    expect(byName.texts()).toEqual([`Ann: a.txt (5 B) http://localhost:${port}/files/${id}/a.txt`]);
  });

  it('groups several files in one message, keeps a preview of a picture, and serves the preview', async () => {
    const { base, client, session } = await roomWithGuest();
    const picture = await upload(base, session, PNG_1X1, 'dot.png', 'image/png', { bytes: WEBP_1X1, width: 4000, height: 3000 });
    const notes = await upload(base, session, Buffer.from('notes'), 'notes.txt', 'text/plain');
    share(client, [picture, notes]);
    const chat = await client.next(isFileChat);
    expect(chat.text).toBe('');
    expect(chat.files!.map((f) => [f.name, f.type, f.image])).toEqual([
      ['dot.png', 'image/png', { width: 4000, height: 3000 }],
      ['notes.txt', 'text/plain', undefined],
    ]);
    const preview = await http(base, 'GET', `/files/previews/${picture}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');
    expect(preview.body.equals(WEBP_1X1)).toBe(true);
    expect((await http(base, 'GET', `/files/previews/${notes}`)).status).toBe(404);
  });

  it('shares an upload only once, only its own uploader, and only when complete', async () => {
    const { base, client, session, url } = await roomWithGuest();
    const { client: other } = await richClient(url, { name: 'Bo' });
    const id = await upload(base, session, Buffer.from('x'));
    other.json({ type: 'chat', text: '', files: [id], clientMsgId: 'steal' });
    expect(await other.next((m) => m.type === 'error')).toMatchObject({ code: 'files-unavailable', clientMsgId: 'steal' });
    const started = json<UploadState>(await startUpload(base, session, { name: 'half.bin', size: 10 }));
    share(client, [started.id], '', 'early');
    expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'files-unavailable', clientMsgId: 'early' });
    share(client, [id], '', 'first');
    await client.next(isFileChat);
    share(client, [id], '', 'again');
    expect(await client.next((m) => m.type === 'error' && m.clientMsgId === 'again')).toMatchObject({ code: 'files-unavailable' });
  });

  it('does not serve an upload before a message shares it', async () => {
    const { base, session } = await roomWithGuest();
    const id = await upload(base, session, Buffer.from('secret until sent'));
    expect((await http(base, 'GET', `/files/${id}/notes.txt`)).status).toBe(404);
  });
});

describe('downloads', () => {
  it('answers 404 for ids that are not files', async () => {
    const { base } = await roomWithGuest();
    for (const bad of ['/files/nope/x', '/files/AAAAAAAAAAAAAAAAAAAAAAAA/x', '/files/previews/AAAAAAAAAAAAAAAAAAAAAAAA', '/files/a/b/c']) {
      expect((await http(base, 'GET', bad)).status, bad).toBe(404);
    }
  });
});

describe('a resumed upload', () => {
  it('continues where the room stopped after the connection dropped, and the bytes hash as one file', async () => {
    const { base, client, session, port } = await roomWithGuest();
    const bytes = randomBytes(300_000);
    const { id } = json<UploadState>(await startUpload(base, session, { name: 'video.mp4', size: bytes.length, type: 'video/mp4' }));
    // The first attempt: all declared, 120,000 bytes sent, then the Wi-Fi drops.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `PUT /files/uploads/${id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${session}\r\n` +
            `Upload-Offset: 0\r\nContent-Length: ${bytes.length}\r\n\r\n`,
        );
        socket.write(bytes.subarray(0, 120_000), () => setTimeout(() => socket.destroy(), 100));
      });
      socket.on('close', () => resolve());
    });
    // The room notices the drop and has written everything that arrived.
    let state = json<UploadState>(await uploadState(base, session, id));
    while (state.offset < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = json<UploadState>(await uploadState(base, session, id));
    }
    expect(state).toEqual({ id, offset: 120_000, size: 300_000, complete: false });
    // Starting anywhere else is refused, saying where to start.
    const wrong = await putBytes(base, session, id, 0, bytes);
    expect(wrong.status).toBe(409);
    expect(wrong.headers['upload-offset']).toBe('120000');
    const rest = await putBytes(base, session, id, 120_000, bytes.subarray(120_000));
    expect(json<UploadState>(rest)).toMatchObject({ offset: 300_000, complete: true });
    share(client, [id]);
    expect((await client.next(isFileChat)).files![0]!.sha256).toBe(sha256(bytes));
  });
});

describe('sessions', () => {
  it('needs a session: 401 without one, and a PIN room gives sessions only for the PIN', async () => {
    const { base } = await roomWithGuest({ pin: '4321' });
    for (const headers of [{}, { Authorization: 'Bearer not-a-session' }, { Authorization: 'Basic x' }] as Record<string, string>[]) {
      const answer = await http(base, 'POST', '/files/uploads', { headers, body: Buffer.from('{"name":"a","size":1}') });
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe('unauthorized');
    }
  });
});

describe('a muted guest', () => {
  it('refuses files from a muted guest like any message; the upload stays for after the mute', async () => {
    const { room, base, client, session } = await roomWithGuest();
    const id = await upload(base, session, Buffer.from('later'));
    room.mute(room.clients()[0]!.id, null);
    share(client, [id], '', 'hushed');
    expect(await client.next((m) => m.type === 'error' && m.clientMsgId === 'hushed')).toMatchObject({ code: 'muted' });
    room.unmute(room.moderationState().mutes[0]!.id);
    share(client, [id], '', 'after');
    expect(((await client.next((m) => isFileChat(m) && m.clientMsgId === 'after')) as ChatMessage).files![0]!.id).toBe(id);
  });
});
