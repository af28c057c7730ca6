import { LANGUAGES, language, setLanguage, t, type Language } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';

/** English / Nederlands, as a two-button switch (short labels in bars); the screen rebuilds in the chosen language. */
export function languageSwitch(onChange: (lang: Language) => void, labels: 'short' | 'long' = 'short'): HTMLElement {
  return el(
    'div',
    { class: 'segmented language-switch', attrs: { role: 'group', 'aria-label': t('language.label') } },
    LANGUAGES.map((lang) =>
      el('button', {
        class: lang === language() ? 'active' : '',
        text: labels === 'long' ? t(`language.${lang}`) : lang.toUpperCase(),
        attrs: { type: 'button', lang, title: t(`language.${lang}`), 'aria-pressed': String(lang === language()) },
        on: {
          click: () => {
            if (lang === language()) return;
            setLanguage(lang);
            onChange(lang);
          },
        },
      }),
    ),
  );
}
