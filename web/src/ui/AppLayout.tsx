import { AppShell, Burger, Center, Group, Loader, Menu, NavLink, ScrollArea, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconApi,
  IconAlertTriangle,
  IconMessages,
  IconBellRinging,
  IconChartBar,
  IconFileDescription,
  IconRss,
  IconReportAnalytics,
  IconInbox,
  IconAward,
  IconCalendarDue,
  IconCalendarEvent,
  IconClipboardCheck,
  IconTrophy,
  IconBuildingCommunity,
  IconChevronDown,
  IconChecklist,
  IconClipboardList,
  IconFileImport,
  IconFileText,
  IconHome,
  IconGauge,
  IconLanguage,
  IconLayoutGrid,
  IconMailOpened,
  IconMessageCircleShare,
  IconStars,
  IconListDetails,
  IconLogout,
  IconNews,
  IconShieldLock,
  IconSpeakerphone,
  IconMicrophone2,
  IconUsers,
  IconWorld,
  IconWorldDownload,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { type ComponentType, Fragment } from 'react';
import { setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import type { SessionUser } from '../api/types';
import { currentLang, setLang, t } from '../i18n';
import { type Permission, can } from '../modules/auth/permissions';
import { sessionKey, useSession } from '../modules/auth/session';
import { ErrorAlert } from './ErrorAlert';
import { notifyError } from './notify';

type NavGroup = 'overview' | 'plan' | 'news' | 'sites' | 'listening' | 'crisis' | 'admin';
type NavItem = { group: NavGroup; to: string; label: () => string; icon: ComponentType<{ size?: number }>; permission: Permission; exact?: boolean };
const navGroupLabel: Record<NavGroup, () => string> = {
  overview: () => t('nav.group.overview'),
  plan: () => t('nav.group.plan'),
  news: () => t('nav.group.news'),
  sites: () => t('nav.group.sites'),
  listening: () => t('nav.group.listening'),
  crisis: () => t('nav.group.crisis'),
  admin: () => t('nav.group.admin'),
};
const navItems: NavItem[] = [
  { group: 'overview', to: '/', label: () => t('nav.home'), icon: IconHome, permission: 'dashboard.read', exact: true },
  { group: 'overview', to: '/bang-dieu-khien', label: () => t('dsh.nav'), icon: IconGauge, permission: 'dashboard.read' },
  { group: 'plan', to: '/ke-hoach', label: () => t('nav.plans'), icon: IconClipboardList, permission: 'plans.read' },
  { group: 'plan', to: '/bao-cao', label: () => t('nav.reports'), icon: IconReportAnalytics, permission: 'plans.read' },
  { group: 'plan', to: '/nghia-vu', label: () => t('obl.nav'), icon: IconCalendarDue, permission: 'plans.read' },
  { group: 'plan', to: '/thi-dua', label: () => t('emu.nav'), icon: IconTrophy, permission: 'dashboard.read' },
  { group: 'plan', to: '/su-kien', label: () => t('ev.nav'), icon: IconCalendarEvent, permission: 'plans.read' },
  { group: 'plan', to: '/kiem-tra', label: () => t('insp.nav'), icon: IconClipboardCheck, permission: 'plans.read' },
  { group: 'news', to: '/tin-bai', label: () => t('nav.articles'), icon: IconNews, permission: 'articles.read' },
  { group: 'news', to: '/guong-dien-hinh', label: () => t('nav.exemplars'), icon: IconAward, permission: 'articles.read' },
  { group: 'news', to: '/kenh-phat-hanh', label: () => t('nav.channels'), icon: IconSpeakerphone, permission: 'channels.write' },
  { group: 'sites', to: '/van-ban', label: () => t('nav.documents'), icon: IconFileText, permission: 'units.read' },
  { group: 'sites', to: '/cong-khai', label: () => t('nav.disclosure'), icon: IconChecklist, permission: 'units.read' },
  { group: 'sites', to: '/trang-don-vi', label: () => t('nav.sites'), icon: IconWorld, permission: 'sites.write' },
  { group: 'sites', to: '/noi-dung-trang', label: () => t('nav.siteContent'), icon: IconLayoutGrid, permission: 'sites.write' },
  { group: 'sites', to: '/hop-thu-y-kien', label: () => t('nav.siteInbox'), icon: IconMailOpened, permission: 'sites.write' },
  { group: 'sites', to: '/danh-gia-trang', label: () => t('nav.siteRatings'), icon: IconStars, permission: 'sites.write' },
  { group: 'sites', to: '/gop-y', label: () => t('fb.nav'), icon: IconMessages, permission: 'feedback.read' },
  { group: 'sites', to: '/chuyen-trang-cu', label: () => t('nav.siteImport'), icon: IconWorldDownload, permission: 'sites.write' },
  { group: 'listening', to: '/theo-doi', label: () => t('mi.nav.inbox'), icon: IconInbox, permission: 'monitoring.read', exact: true },
  { group: 'listening', to: '/theo-doi/tong-quan', label: () => t('mi.nav.dashboard'), icon: IconChartBar, permission: 'monitoring.read' },
  { group: 'listening', to: '/theo-doi/canh-bao', label: () => t('mi.nav.alerts'), icon: IconBellRinging, permission: 'monitoring.read' },
  { group: 'listening', to: '/theo-doi/diem-tin', label: () => t('mi.nav.digest'), icon: IconFileDescription, permission: 'monitoring.read' },
  { group: 'listening', to: '/theo-doi/nguon-tin', label: () => t('ms.nav'), icon: IconRss, permission: 'monitoring.read' },
  { group: 'crisis', to: '/thong-bao', label: () => t('nt.nav'), icon: IconMessageCircleShare, permission: 'dashboard.read' },
  { group: 'crisis', to: '/su-co', label: () => t('inc.nav'), icon: IconAlertTriangle, permission: 'incidents.read' },
  { group: 'crisis', to: '/bao-chi', label: () => t('nav.press'), icon: IconMicrophone2, permission: 'monitoring.read' },
  { group: 'admin', to: '/don-vi', label: () => t('nav.units'), icon: IconBuildingCommunity, permission: 'units.read' },
  { group: 'admin', to: '/nguoi-dung', label: () => t('nav.people'), icon: IconUsers, permission: 'people.read' },
  { group: 'admin', to: '/nhap-du-lieu', label: () => t('nav.imports'), icon: IconFileImport, permission: 'imports.write' },
  { group: 'admin', to: '/nhat-ky', label: () => t('nav.audit'), icon: IconListDetails, permission: 'audit.read' },
];

/** The signed-in frame: header with the user menu, the navigation, and the page. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={session.error} />
      </Center>
    );
  }
  if (!session.data.user) {
    const redirect = location.href.replace(/^\/admin(?=\/|$)/, '') || '/';
    return <Navigate to="/dang-nhap" search={redirect === '/' ? {} : { redirect }} replace />;
  }
  return <Shell user={session.data.user} />;
}

function Shell({ user }: { user: SessionUser }) {
  const [isNavOpen, nav] = useDisclosure(false);
  const location = useLocation();
  const path = location.pathname.replace(/^\/admin(?=\/|$)/, '') || '/';
  const isActive = (item: NavItem) => (item.exact ? path === item.to : path.startsWith(item.to));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={isNavOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/" fw={800} fz="xl" c="indigo.7" td="none">
              {t('app.name')}
            </Text>
          </Group>
          <UserMenu user={user} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {navItems
              .filter((item) => can(user, item.permission))
              .map((item, i, shown) => (
                <Fragment key={item.to}>
                  {/* a heading before each group's first visible entry: thirty entries read better in seven groups */}
                  {shown[i - 1]?.group !== item.group && (
                    <Text fz="xs" fw={700} c="gray.7" tt="uppercase" px="sm" pt={i === 0 ? 0 : 'sm'} pb={4}>
                      {navGroupLabel[item.group]()}
                    </Text>
                  )}
                  <NavLink
                    component={Link}
                    to={item.to}
                    label={item.label()}
                    leftSection={<item.icon size={18} />}
                    active={isActive(item)}
                    onClick={nav.close}
                  />
                </Fragment>
              ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <NavLink href="/api/docs" target="_blank" label={t('nav.apiDocs')} leftSection={<IconApi size={18} />} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function UserMenu({ user }: { user: SessionUser }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    try {
      await authApi.logout();
    } catch (err) {
      notifyError(err);
    }
    setCsrfToken(null);
    qc.clear();
    await navigate({ to: '/dang-nhap' });
    await qc.invalidateQueries({ queryKey: sessionKey });
  };
  const other = currentLang() === 'vi' ? 'en' : 'vi';
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        {/* the accessible name starts with the visible text (WCAG 2.5.3), e.g. "Nguyễn Văn An Menu tài khoản" */}
        <UnstyledButton style={{ minWidth: 0 }}>
          <Group gap={4} wrap="nowrap">
            <Text fw={500} size="sm" truncate="end" maw={{ base: 170, sm: 300 }}>
              {user.name}
            </Text>
            <VisuallyHidden>{t('nav.userMenu')}</VisuallyHidden>
            <IconChevronDown size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/tai-khoan" leftSection={<IconShieldLock size={16} />}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLanguage size={16} />} onClick={() => setLang(other)}>
          {other === 'en' ? t('lang.en') : t('lang.vi')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
