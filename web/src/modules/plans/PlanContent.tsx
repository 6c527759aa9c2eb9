import { Badge, Box, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Basis, Plan, PlanSection } from '../../api/plans';
import { t } from '../../i18n';
import { formatDate, formatDateTime } from '../../ui/format';
import { unitTypeLabel } from '../../ui/labels';
import { useIsMobile } from '../../ui/useMobile';
import {
  basisKindLabel,
  formatVnd,
  objectiveKindLabel,
  periodLabel,
  planChannelLabel,
  quartersLabel,
  ruleLabel,
  signerLines,
} from './labels';

function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <>
      {text
        .split('\n')
        .filter((p) => p.trim())
        .map((p, i) => (
          <Text key={i} size="sm" className="loa-break" style={{ textAlign: 'justify' }}>
            {p}
          </Text>
        ))}
    </>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} fz="md">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function basisLine(b: Basis): string {
  const parts = [basisKindLabel(b.kind), b.ref ? t('planContent.basisRef', { ref: b.ref }) : ''];
  if (b.date) parts.push(t('planContent.basisDate', { date: formatDate(b.date) }));
  if (b.issuer) parts.push(t('planContent.basisIssuer', { issuer: b.issuer }));
  if (b.summary) parts.push(b.summary);
  return parts.filter(Boolean).join(' ');
}

function SectionView({ s, depth }: { s: PlanSection; depth: number }) {
  const heading = [s.number ? (/[.)]$/.test(s.number) ? s.number : `${s.number}.`) : '', s.title].filter(Boolean).join(' ');
  return (
    <Stack gap={4} pl={depth > 0 ? { base: 4, sm: 'sm' } : 0}>
      {heading ? (
        <Text size="sm" fw={depth === 0 ? 700 : 600} fs={depth >= 2 ? 'italic' : undefined} className="loa-break">
          {heading}
        </Text>
      ) : null}
      <Paragraphs text={s.body} />
      {s.children.map((c, i) => (
        <SectionView key={i} s={c} depth={depth + 1} />
      ))}
    </Stack>
  );
}

/** The plan as its document reads, from its structured fields (read-only). */
export function PlanContent({ plan }: { plan: Plan }) {
  const isMobile = useIsMobile();
  const budgetTotal = plan.budget.reduce((s, b) => s + (b.amount ?? 0), 0);
  const issued = plan.issuedOn ? dayjs(plan.issuedOn) : null;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap={2} align="center">
          <Text size="sm" fw={700} ta="center" tt="uppercase" className="loa-break">
            {plan.unitName}
          </Text>
          <Text size="sm" ta="center">
            {plan.numberLabel
              ? t('planContent.number', { number: plan.numberLabel })
              : t('planContent.numberPending', { symbol: plan.symbol ?? 'KH' })}
          </Text>
        </Stack>
        <Stack gap={2} align="center">
          <Text size="sm" fw={700} ta="center">
            {t('planContent.nation')}
          </Text>
          <Text size="sm" fw={600} ta="center">
            {t('planContent.motto')}
          </Text>
          <Text size="sm" fs="italic" ta="center">
            {[
              plan.place,
              issued
                ? t('planContent.date', { day: issued.format('DD'), month: issued.format('MM'), year: issued.format('YYYY') })
                : t('planContent.datePending'),
            ]
              .filter(Boolean)
              .join(', ')}
          </Text>
        </Stack>
      </SimpleGrid>
      <Stack gap={2} align="center">
        <Text fw={700} fz="lg">
          {t('planContent.heading')}
        </Text>
        <Text fw={700} ta="center" className="loa-break">
          {plan.title}
        </Text>
        <Text size="sm" c="dimmed">
          {periodLabel(plan.period)}
        </Text>
      </Stack>

      {plan.basis.length ? (
        <Part title={t('planContent.basis')}>
          <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
            {plan.basis.map((b, i) => (
              <Text key={i} component="li" size="sm" className="loa-break">
                {basisLine(b)}
              </Text>
            ))}
          </Stack>
        </Part>
      ) : null}

      {plan.sections.length ? (
        <Stack gap="sm">
          {plan.sections.map((s, i) => (
            <SectionView key={i} s={s} depth={0} />
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('planContent.noSections')}
        </Text>
      )}

      {plan.channels.length ? (
        <Part title={t('planContent.channels')}>
          <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
            {plan.channels.map((c, i) => (
              <Text key={i} component="li" size="sm" className="loa-break">
                {[planChannelLabel(c.kind), c.label, c.address].filter(Boolean).join(' — ')}
              </Text>
            ))}
          </Stack>
        </Part>
      ) : null}

      {plan.budget.length ? (
        <Part title={t('planContent.budget')}>
          <Stack gap={4}>
            {plan.budget.map((b, i) => (
              <Group key={i} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Box style={{ minWidth: 0 }}>
                  <Text size="sm" className="loa-break">
                    {b.item}
                  </Text>
                  {b.source ? (
                    <Text size="xs" c="dimmed" className="loa-break">
                      {b.source}
                    </Text>
                  ) : null}
                </Box>
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {formatVnd(b.amount)}
                </Text>
              </Group>
            ))}
            <Group justify="space-between">
              <Text size="sm" fw={700}>
                {t('planContent.budgetTotal')}
              </Text>
              <Text size="sm" fw={700}>
                {formatVnd(budgetTotal)}
              </Text>
            </Group>
          </Stack>
        </Part>
      ) : null}

      {plan.tasks.length ? (
        <Part title={t('planContent.tasks')}>
          {isMobile ? (
            <Stack gap="xs">
              {plan.tasks.map((task, i) => (
                <Card key={task.id} withBorder padding="xs">
                  <TaskView task={task} n={i + 1} />
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table withTableBorder withColumnBorders verticalSpacing={6} fz="sm" aria-label={t('planContent.tasks')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('planContent.colNo')}</Table.Th>
                    <Table.Th>{t('planContent.colTopic')}</Table.Th>
                    <Table.Th>{t('planContent.colProducts')}</Table.Th>
                    <Table.Th>{t('planContent.colLead')}</Table.Th>
                    <Table.Th>{t('planContent.colPartners')}</Table.Th>
                    <Table.Th>{t('planContent.colTime')}</Table.Th>
                    <Table.Th>{t('planContent.colObjectives')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.tasks.map((task, i) => (
                    <Table.Tr key={task.id}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>
                        {task.group ? (
                          <Text size="xs" c="dimmed">
                            {task.group}
                          </Text>
                        ) : null}
                        <Text size="sm">{task.topic}</Text>
                        {task.unitTypes.length ? (
                          <Text size="xs" c="dimmed">
                            {t('planContent.appliesTo', { types: task.unitTypes.map(unitTypeLabel).join(', ') })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{task.products}</Table.Td>
                      <Table.Td>{task.lead.join(', ')}</Table.Td>
                      <Table.Td>{task.partners.join(', ')}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{quartersLabel(task.quarters)}</Table.Td>
                      <Table.Td>
                        {task.objectives.map((o, j) => (
                          <Text key={j} size="xs">
                            {`${objectiveKindLabel(o.kind)}: ${o.indicator}${o.target ? ` — ${o.target}` : ''}`}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Part>
      ) : null}

      {plan.obligations.length ? (
        <Part title={t('planContent.obligations')}>
          <Stack gap={6}>
            {plan.obligations.map((o) => (
              <ObligationView key={o.id} o={o} />
            ))}
          </Stack>
        </Part>
      ) : null}

      {plan.subplanDueOn ? (
        <Text size="sm">{t('planContent.subplanDue', { date: formatDate(plan.subplanDueOn) })}</Text>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={2}>
          <Text size="sm" fw={700} fs="italic">
            {t('planContent.recipients')}
          </Text>
          {plan.recipients.map((r, i) => (
            <Text key={i} size="xs" className="loa-break">
              {`- ${r}`}
            </Text>
          ))}
        </Stack>
        <Stack gap={2} align="center">
          {signerLines(plan.signer).map((l, i) => (
            <Text key={i} size="sm" fw={700} ta="center" tt="uppercase">
              {l}
            </Text>
          ))}
          {plan.signer?.name ? (
            <Text size="sm" fw={700} ta="center" mt="lg">
              {plan.signer.name}
            </Text>
          ) : null}
        </Stack>
      </SimpleGrid>

      {plan.signedFile ? (
        <Text size="xs" c="dimmed">
          {t('planContent.signedFile', { name: plan.signedFile.fileName, date: formatDateTime(plan.signedFile.uploadedAt) })}
        </Text>
      ) : null}
    </Stack>
  );
}

function TaskView({ task, n }: { task: Plan['tasks'][number]; n: number }) {
  return (
    <Stack gap={2}>
      {task.group ? (
        <Text size="xs" c="dimmed" className="loa-break">
          {task.group}
        </Text>
      ) : null}
      <Text size="sm" fw={600} className="loa-break">
        {`${n}. ${task.topic}`}
      </Text>
      <Group gap={4}>
        <Badge size="xs" variant="light">
          {quartersLabel(task.quarters)}
        </Badge>
        {task.unitTypes.map((u) => (
          <Badge key={u} size="xs" variant="outline" color="gray">
            {unitTypeLabel(u)}
          </Badge>
        ))}
      </Group>
      {task.products ? (
        <Text size="xs" className="loa-break">
          {t('planContent.productsLine', { products: task.products })}
        </Text>
      ) : null}
      {task.lead.length ? (
        <Text size="xs" className="loa-break">
          {t('planContent.leadLine', { lead: task.lead.join(', ') })}
        </Text>
      ) : null}
      {task.partners.length ? (
        <Text size="xs" className="loa-break">
          {t('planContent.partnersLine', { partners: task.partners.join(', ') })}
        </Text>
      ) : null}
      {task.objectives.map((o, j) => (
        <Text key={j} size="xs" c="dimmed" className="loa-break">
          {`${objectiveKindLabel(o.kind)}: ${o.indicator}${o.target ? ` — ${o.target}` : ''}`}
        </Text>
      ))}
    </Stack>
  );
}

export function ObligationView({ o }: { o: Plan['obligations'][number] }) {
  const who = o.who || (o.unitTypes.length ? o.unitTypes.map(unitTypeLabel).join(', ') : t('planForm.issuingUnitItself'));
  return (
    <Box>
      <Text size="sm" className="loa-break">
        {o.what}
      </Text>
      <Text size="xs" c="dimmed" className="loa-break">
        {[
          who,
          ruleLabel(o),
          o.quantity ? t('planContent.quantity', { n: o.quantity }) : '',
          t('planContent.reminder', { n: o.reminderDays }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Box>
  );
}
