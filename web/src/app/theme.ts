import type { ThemeConfig } from 'antd';

/** Calm government colours: navy navigation, one blue for actions, generous whitespace. */
export const NAVY = '#0f2a47';
export const NAVY_DARK = '#0b2038';
export const PRIMARY = '#1d4f91';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorBgLayout: '#f3f5f8',
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, system-ui, -apple-system, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
  },
  components: {
    Layout: {
      siderBg: NAVY,
      triggerBg: NAVY_DARK,
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 16px',
    },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: NAVY_DARK,
      darkItemSelectedBg: PRIMARY,
      darkItemColor: 'rgba(255, 255, 255, 0.8)',
      itemHeight: 40,
    },
    Table: { headerBg: '#f5f7fa' },
  },
};
