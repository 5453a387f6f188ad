// Entry of the host window: mirror the room through `window.lanChat` (the preload's bridge, or the test
// harness's), then draw it.
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n, detectLanguage } from '../shared/i18n.js';
import { App } from './App.js';
import { HostStore } from './store.js';
import { strings } from './host-strings.js';
import { applyTheme, resolveLanguage } from './theme.js';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const i18n = createI18n(strings, detectLanguage());
  // The bridge is typed as always present; a page opened outside the app must still say something useful.
  const api = (window as Partial<Window>).lanChat;
  if (!api) {
    root.render(<p className="splash">{i18n.t('noBridge')}</p>);
    return;
  }
  root.render(<p className="splash">{i18n.t('loading')}</p>);
  const store = new HostStore(api);
  await store.start();
  // Settings decide language and theme; apply them before the first real frame so nothing flickers.
  const { settings } = store.getView()!;
  applyTheme(settings.theme);
  await i18n.changeLanguage(resolveLanguage(settings.language));
  // As a transition React renders the first real frame in slices, yielding to the browser between
  // components, instead of in one long task.
  startTransition(() =>
    root.render(
      <StrictMode>
        <App api={api} store={store} i18n={i18n} />
      </StrictMode>,
    ),
  );
}

void start();
