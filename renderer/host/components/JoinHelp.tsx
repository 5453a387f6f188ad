// What to check when nobody arrives: shown once the join card has been on screen for two minutes
// without anyone joining through its addresses, with the steps that fit the host's operating system
// (its firewall, Windows' network profile), then the causes any system shares (client isolation on
// guest Wi-Fi, a VPN). Gone as soon as someone arrives.
import { useEffect, useState } from 'react';
import type { HostKey } from '../host-strings.js';
import { useHost } from '../context.js';

/** How long the card waits for a first arrival before offering help. */
const HELP_AFTER_MS = 2 * 60_000;

/** The steps for `platform` (Node's name for the OS), most likely cause first. */
function helpSteps(platform: string): HostKey[] {
  switch (platform) {
    case 'win32':
      return ['help.sameNetwork', 'help.firewall.win32', 'help.profile.win32', 'help.isolation', 'help.vpn'];
    case 'darwin':
      return ['help.sameNetwork', 'help.firewall.darwin', 'help.isolation', 'help.vpn'];
    case 'linux':
      return ['help.sameNetwork', 'help.firewall.linux', 'help.isolation', 'help.vpn'];
    default:
      return ['help.sameNetwork', 'help.firewall.other', 'help.isolation', 'help.vpn'];
  }
}

export function JoinHelp({ arrived, platform, port }: { arrived: boolean; platform: string; port: number }) {
  const { t } = useHost();
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), HELP_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  if (arrived || !waited) return null;
  return (
    <details className="join-help" open>
      <summary>{t('help.title')}</summary>
      <ol>
        {helpSteps(platform).map((key) => (
          <li key={key}>{t(key, { port })}</li>
        ))}
      </ol>
    </details>
  );
}
