import { Anchor, Card, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { planKey } from './keys';
import { periodLabel } from './labels';
import { PlanActions } from './PlanActions';
import { PlanContent } from './PlanContent';
import { BackToPlans } from './PlanEditPage';
import { PlanProgressTab } from './PlanProgressTab';
import { PlanStatusBadge } from './PlansPage';
import { CommentsTab, ObligationsTab, RecipientsTab, SubplansTab, VersionsTab } from './PlanTabs';
import { usePlanUnit, useUnitAccess } from './usePlanUnit';

/** One plan: who issued it and where it stands, what the user may do with it, and its parts in tabs. */
export function PlanDetailPage({ id }: { id: number }) {
  const user = useUser();
  const [tab, setTab] = useState<string>('content');
  const plan = useQuery({ queryKey: planKey(id), queryFn: () => plansApi.get(id) });
  const access = useUnitAccess(plan.data?.unitId);
  const [ownUnit] = usePlanUnit('plans.read');
  if (plan.isPending) return <Loader aria-label={t('common.loading')} />;
  if (plan.isError) {
    return (
      <Stack gap="sm">
        <BackToPlans />
        <ErrorAlert error={plan.error} />
      </Stack>
    );
  }
  const p = plan.data;
  // Deadlines are listed for the plan's unit when the user may read it, else for the user's own unit (a plan received from above).
  const scopeUnitId = access.isPending ? null : access.canRead ? p.unitId : (ownUnit?.id ?? null);
  // Readers of the issuing unit see the whole file; a unit the plan was sent to sees the plan and its own deadlines.
  const isInsider = access.canRead;
  const meta = [
    p.unitName,
    periodLabel(p.period),
    p.issuedOn ? t('plans.issuedOnShort', { date: formatDate(p.issuedOn) }) : '',
    p.authorName ? t('planDetail.author', { name: p.authorName }) : '',
  ].filter(Boolean);
  return (
    <Stack gap="sm" maw={1200}>
      <BackToPlans />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <Text fw={700} c={p.numberLabel ? 'indigo.8' : 'dimmed'}>
              {p.numberLabel ?? t('plans.noNumber')}
            </Text>
            <PlanStatusBadge status={p.status} />
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {p.title}
          </Title>
          <Text size="sm" c="dimmed" className="loa-break">
            {meta.join(' · ')}
          </Text>
          {p.parentPlanId ? (
            <Anchor component={Link} to={`/ke-hoach/${p.parentPlanId}`} size="sm">
              {t('planDetail.parentPlan')}
            </Anchor>
          ) : null}
          <PlanActions plan={p} canWrite={access.canWrite} />
        </Stack>
      </Card>
      <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
        <Tabs.List aria-label={t('planDetail.parts')}>
          <Tabs.Tab value="content">{t('planTabs.content')}</Tabs.Tab>
          {isInsider ? <Tabs.Tab value="progress">{t('planTabs.progress')}</Tabs.Tab> : null}
          <Tabs.Tab value="obligations">{t('planTabs.deadlines')}</Tabs.Tab>
          {isInsider ? <Tabs.Tab value="subplans">{t('planTabs.subplans')}</Tabs.Tab> : null}
          {isInsider ? <Tabs.Tab value="recipients">{t('planTabs.recipients')}</Tabs.Tab> : null}
          {isInsider ? <Tabs.Tab value="comments">{t('planTabs.comments')}</Tabs.Tab> : null}
          {isInsider ? <Tabs.Tab value="versions">{t('planTabs.versions')}</Tabs.Tab> : null}
        </Tabs.List>
        <Card withBorder mt="sm" padding="md">
          <Tabs.Panel value="content">
            <PlanContent plan={p} />
          </Tabs.Panel>
          <Tabs.Panel value="progress">
            <PlanProgressTab planId={p.id} canWrite={access.canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="obligations">
            <ObligationsTab plan={p} scopeUnitId={scopeUnitId} canFulfil={can(user, 'plans.write')} />
          </Tabs.Panel>
          <Tabs.Panel value="subplans">
            <SubplansTab plan={p} />
          </Tabs.Panel>
          <Tabs.Panel value="recipients">
            <RecipientsTab plan={p} />
          </Tabs.Panel>
          <Tabs.Panel value="comments">
            <CommentsTab planId={p.id} />
          </Tabs.Panel>
          <Tabs.Panel value="versions">
            <VersionsTab planId={p.id} />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </Stack>
  );
}
