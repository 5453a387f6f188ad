// The layering is enforced by eslint.config.js: each planted violation below must fail lint with the
// layering rule (not some other rule), and ordinary code in every layer must pass. Files are linted as
// text under a path of the repository, so they need not exist; new names inside a layer's folder
// (a room split into modules, pages in components/) are covered by the same rules.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const LAYERING_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

async function lint(filePath: string, code: string): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!;
}

const VIOLATIONS: [file: string, code: string][] = [
  // The room and the CLI are plain Node.
  ['electron/room/room.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['electron/room/roster.ts', "import 'electron';\n"],
  ['electron/room/roster.ts', "const { app } = await import('electron');\nexport const x = app;\n"],
  ['electron/room/roster.ts', "import { createHostWindow } from '../app/window.js';\nexport const x = createHostWindow;\n"],
  ['electron/room/parts/roster.ts', "export { RoomHost } from '../../app/room-host.js';\n"],
  ['electron/room/roster.ts', "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n"],
  ['electron/room/roster.ts', "import { t } from '../../renderer/shared/i18n.js';\nexport const x = t;\n"],
  ['electron/cli.ts', "import { RoomHost } from './app/room-host.js';\nexport const x = RoomHost;\n"],
  ['electron/cli.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['electron/cli/host-console.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['electron/cli/console-commands.ts', "import { t } from '../../renderer/shared/i18n.js';\nexport const x = t;\n"],
  // common/ is the browser-safe wire contract.
  ['common/protocol.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['common/sanitize.ts', "import { join } from 'path';\nexport const x = join;\n"],
  ['common/roles.ts', "import { Room } from '../electron/room/room.js';\nexport const x = Room;\n"],
  ['common/roles.ts', "import type { RoomHost } from '../electron/app/room-host.js';\nexport type X = RoomHost;\n"],
  ['common/roles.ts', "import { t } from '../renderer/shared/i18n.js';\nexport const x = t;\n"],
  ['common/roles.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;\n"],
  ['common/roles.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
  ['common/roles.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['common/roles.ts', 'export const here = () => window.location.href;\n'],
  ['common/roles.ts', "export const saved = () => localStorage.getItem('name');\n"],
  ['common/roles.ts', 'export const lang = () => navigator.language;\n'],
  ['common/roles.ts', 'export const env = () => process.env.HOME;\n'],
  // The pages take the contract from common/ and the bridge as types only.
  ['renderer/peer/main.tsx', "import { Room } from '../../electron/room/room.js';\nexport const x = Room;\n"],
  [
    'renderer/peer/components/Composer.tsx',
    "import { HISTORY_LIMIT } from '../../../electron/room/fanout.js';\nexport const x = HISTORY_LIMIT;\n",
  ],
  ['renderer/host/store.ts', "import { RoomHost } from '../../electron/app/room-host.js';\nexport const x = RoomHost;\n"],
  ['renderer/host/store.ts', "import { main } from '../../electron/cli.js';\nexport const x = main;\n"],
  ['renderer/host/store.ts', "import { EVENT_CHANNEL } from '../../electron/ipc-contract.js';\nexport const x = EVENT_CHANNEL;\n"],
  ['renderer/shared/text.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
  ['renderer/shared/text.ts', "import { EventEmitter } from 'events';\nexport const x = EventEmitter;\n"],
  ['renderer/shared/text.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
  ['renderer/shared/text.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;\n"],
  // A sandboxed preload can require electron and nothing else.
  ['electron/preload.cts', "import fs = require('node:fs');\nexport const x = fs;\n"],
  ['electron/preload.cts', "import { EVENT_CHANNEL } from './ipc-contract.js';\nexport const x = EVENT_CHANNEL;\n"],
];

describe('planted layering violations fail lint', () => {
  it.each(VIOLATIONS)('%s: %s', async (file, code) => {
    const result = await lint(file, code);
    const layering = result.messages.filter((message) => message.ruleId !== null && LAYERING_RULES.has(message.ruleId));
    expect(layering.length, JSON.stringify(result.messages)).toBeGreaterThan(0);
    expect(layering.every((message) => message.severity === 2)).toBe(true);
  });

  it('explains the rule in the message', async () => {
    const result = await lint('common/roles.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(result.messages.map((message) => message.message).join('\n')).toMatch(/Node built-ins do not exist in the browser/);
  });

  it('does not accept a runtime require in the preload either', async () => {
    const result = await lint('electron/preload.cts', "const fs = require('node:fs');\nexport const x = fs;\n");
    expect(result.errorCount).toBeGreaterThan(0);
  });
});

const CLEAN: [file: string, code: string][] = [
  [
    'common/roles.ts',
    "import { DEFAULT_LIMITS } from './limits.js';\nimport type { ChatMessage } from './model.js';\nexport const x = DEFAULT_LIMITS;\nexport type M = ChatMessage;\n",
  ],
  [
    'electron/room/roster.ts',
    "import { readFileSync } from 'node:fs';\nimport { WebSocketServer } from 'ws';\nimport { SUBPROTOCOL_RICH } from '../../common/protocol.js';\nimport { FrameBatch } from './fanout.js';\nexport const x = [readFileSync, WebSocketServer, SUBPROTOCOL_RICH, FrameBatch];\n",
  ],
  [
    'electron/cli.ts',
    "import { Room } from './room/room.js';\nimport { DEFAULT_LIMITS } from '../common/limits.js';\nexport const x = [Room, DEFAULT_LIMITS];\n",
  ],
  [
    'electron/cli/console-commands.ts',
    "import { createInterface } from 'node:readline';\nimport type { RoomHost } from '../room/room-host.js';\nexport const x = createInterface;\nexport type H = RoomHost;\n",
  ],
  [
    'electron/app/window.ts',
    "import { BrowserWindow } from 'electron';\nimport { Room } from '../room/room.js';\nexport const x = [BrowserWindow, Room];\n",
  ],
  [
    'renderer/peer/components/Composer.tsx',
    "import { useState } from 'react';\nimport type { LanChatApi } from '../../../electron/ipc-contract.js';\nimport { SUBPROTOCOL_RICH } from '../../../common/protocol.js';\nexport type Api = LanChatApi;\nexport function Composer() {\n  const [text] = useState(SUBPROTOCOL_RICH);\n  return <p>{text}</p>;\n}\n",
  ],
  [
    'electron/preload.cts',
    "import electron = require('electron');\nimport type { LanChatApi } from './ipc-contract.js';\nexport type Api = LanChatApi;\nexport const x = electron.contextBridge;\n",
  ],
];

describe('code that keeps to its layer passes', () => {
  it.each(CLEAN)('%s', async (file, code) => {
    const result = await lint(file, code);
    expect(result.messages).toEqual([]);
  });
});
