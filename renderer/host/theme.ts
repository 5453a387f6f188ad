// Applying the host's appearance settings to the document.
import type { RoomSettings } from '../../common/host-view.js';
import { detectLanguage, type Language } from '../shared/i18n.js';

/** `system` follows the OS through `prefers-color-scheme` (shared/tokens.css); the others pin it. */
export function applyTheme(theme: RoomSettings['theme']): void {
  document.documentElement.dataset.theme = theme;
}

export function resolveLanguage(setting: RoomSettings['language']): Language {
  return setting === 'system' ? detectLanguage() : setting;
}
