// A room's settings with every field away from its default, for tests that save, load or validate them.
import type { RoomSettings } from '../../common/host-view.js';

export const CUSTOM_SETTINGS: RoomSettings = {
  port: 8080,
  roomName: 'Team room',
  hostName: 'Ana',
  pin: '4711',
  saveHistory: false,
  language: 'zh-CN',
  theme: 'dark',
  keepRunningInTray: false,
  openAtLogin: true,
  maxFileBytes: 100 * 1024 * 1024,
  fileStorageBytes: 1024 ** 3,
  maxUploadsAtOnce: 5,
  uploadBytesPerHour: 2 * 1024 ** 3,
  minFreeDiskBytes: 0,
};
