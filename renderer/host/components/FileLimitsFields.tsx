// The settings form's "Files" section: the room's file limits, typed as people think of them (a file
// size in MB, storage and budgets in GB) and stored in bytes.
import type { ReactNode } from 'react';
import type { RoomSettings } from '../../../common/host-view.js';
import { validateSetting } from '../../../common/settings.js';
import { useHost } from '../context.js';
import type { HostKey } from '../host-strings.js';
import { Field } from './Field.js';

export type FileLimits = Pick<
  RoomSettings,
  'maxFileBytes' | 'fileStorageBytes' | 'maxUploadsAtOnce' | 'uploadBytesPerHour' | 'minFreeDiskBytes'
>;
/** What the form's fields hold. */
export type FileLimitsDraft = Record<keyof FileLimits, string>;

const MB = 1024 ** 2;
const GB = 1024 ** 3;
/** Each limit's unit in the form and its label; a count has the unit 1. */
const FIELDS: readonly { key: keyof FileLimits; unit: number; label: HostKey }[] = [
  { key: 'maxFileBytes', unit: MB, label: 'settings.maxFileMb' },
  { key: 'fileStorageBytes', unit: GB, label: 'settings.fileStorageGb' },
  { key: 'maxUploadsAtOnce', unit: 1, label: 'settings.uploadsAtOnce' },
  { key: 'uploadBytesPerHour', unit: GB, label: 'settings.uploadPerHourGb' },
  { key: 'minFreeDiskBytes', unit: GB, label: 'settings.minFreeDiskGb' },
];

export function fileLimitsDraft(settings: FileLimits): FileLimitsDraft {
  const draft = {} as FileLimitsDraft;
  for (const { key, unit } of FIELDS) draft[key] = String(Math.round((settings[key] / unit) * 100) / 100);
  return draft;
}

/** The limits in bytes, or null when a field is empty or not a number the room takes (common/settings.ts). */
export function parseFileLimits(draft: FileLimitsDraft): FileLimits | null {
  const limits = {} as FileLimits;
  for (const { key, unit } of FIELDS) {
    if (draft[key].trim() === '') return null;
    try {
      limits[key] = validateSetting(key, Math.round(Number(draft[key].replace(',', '.')) * unit));
    } catch {
      return null;
    }
  }
  return limits;
}

export function FileLimitsFields({
  id,
  draft,
  onChange,
}: {
  id: string;
  draft: FileLimitsDraft;
  onChange: (draft: FileLimitsDraft) => void;
}): ReactNode {
  const { t } = useHost();
  return (
    <fieldset>
      <legend>{t('settings.files')}</legend>
      {FIELDS.map(({ key, label }) => (
        <Field key={key} id={`${id}-${key}`} label={t(label)}>
          <input
            id={`${id}-${key}`}
            inputMode="decimal"
            value={draft[key]}
            onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
          />
        </Field>
      ))}
      <span className="hint">{t('settings.filesHint')}</span>
    </fieldset>
  );
}
