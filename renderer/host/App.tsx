// The host window: status on top, the join card and people on the left, the conversation on the right.
import type { i18n as I18n } from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LanChatApi } from '../../electron/ipc-contract.js';
import { useT } from '../shared/i18n.js';
import { History } from './components/History.js';
import { JoinCard } from './components/JoinCard.js';
import { People } from './components/People.js';
import { RoomControls } from './components/RoomControls.js';
import { SendBox } from './components/SendBox.js';
import { SettingsDialog } from './components/SettingsDialog.js';
import { StatusBar } from './components/StatusBar.js';
import { errorMessage, HostContext, type HostContextValue, type ToastText, type Tone } from './context.js';
import type { HostStore, RoomView } from './store.js';
import type { HostKey } from './host-strings.js';
import { applyTheme, resolveLanguage } from './theme.js';
import { useUnreadTitle } from './unread.js';

/** How long a toast stays. */
const TOAST_MS = 4000;
const SIDE_PANEL_ID = 'side-panel';

export function App({ api, store, i18n }: { api: LanChatApi; store: HostStore; i18n: I18n }) {
  const view = useSyncExternalStore(store.subscribe, store.getView) as RoomView;
  const t = useT<HostKey>(i18n);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [followSignal, setFollowSignal] = useState(0);
  const [toast, setToast] = useState<{ text: ToastText; tone: Tone; id: number } | null>(null);
  /** The side panel (join card, people) while the window is too narrow to show it beside the chat. */
  const [panelOpen, setPanelOpen] = useState(false);
  const toastTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useUnreadTitle(store.timeline);

  const { theme, language } = view.settings;
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    void i18n.changeLanguage(resolveLanguage(language));
  }, [i18n, language]);

  const notify = useCallback((text: ToastText, tone: Tone = 'info') => {
    clearTimeout(toastTimer.current);
    setToast({ text, tone, id: Date.now() });
    toastTimer.current = setTimeout(() => setToast(null), TOAST_MS);
  }, []);

  // The side panel open over the chat closes on Esc, wherever the focus is (a dialog open above it first).
  useEffect(() => {
    if (!panelOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) setPanelOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panelOpen]);

  const fail = useCallback((error: unknown) => notify(errorMessage(error), 'error'), [notify]);

  const context = useMemo<HostContextValue>(
    () => ({ api, t, language: i18n.language, notify, fail }),
    [api, t, i18n.language, notify, fail],
  );

  return (
    <HostContext value={context}>
      <div className="app">
        <StatusBar
          status={view.status}
          settings={view.settings}
          onOpenSettings={() => setSettingsOpen(true)}
          panel={{ open: panelOpen, id: SIDE_PANEL_ID, toggle: () => setPanelOpen((open) => !open) }}
        />
        <main className="layout">
          <aside className={panelOpen ? 'sidebar open' : 'sidebar'} id={SIDE_PANEL_ID}>
            <JoinCard urls={view.urls} settings={view.settings} arrivals={view.arrivals} platform={view.platform} port={view.status.port} />
            <People clients={view.clients} settings={view.settings} />
            <RoomControls moderation={view.moderation} />
          </aside>
          {/* Not a landmark of its own: the history inside is the "Messages" region. */}
          <div className="chat">
            <History timeline={store.timeline} followSignal={followSignal} />
            <SendBox maxBytes={view.maxMessageBytes} onSent={() => setFollowSignal((n) => n + 1)} />
          </div>
        </main>
        <div className={`toast ${toast ? `toast-${toast.tone} visible` : ''}`} role="status" aria-live="polite">
          {typeof toast?.text === 'function' ? toast.text(t) : toast?.text}
        </div>
        {settingsOpen && (
          // The port in use: a room started on "any free port" (0) has settled on one by now.
          <SettingsDialog
            settings={{ ...view.settings, port: view.status.port || view.settings.port }}
            peopleHere={view.clients.length}
            onClose={() => setSettingsOpen(false)}
          />
        )}
      </div>
    </HostContext>
  );
}
