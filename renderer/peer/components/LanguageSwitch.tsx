// One button that offers the other language, labelled in that language ("中文" on the English page,
// "English" on the Chinese one), so someone who can't read the current page still finds it.
import { currentLanguage, switchLanguage, useText } from '../peer-i18n.js';

export function LanguageSwitch() {
  const t = useText();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  const label = other === 'zh-CN' ? '中文' : 'English';
  return (
    <button type="button" className="lang-button" lang={other} title={t('language')} onClick={() => switchLanguage(other)}>
      {label}
    </button>
  );
}
