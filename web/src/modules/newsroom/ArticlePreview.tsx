import { Alert, Badge, Box, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title, Typography } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPencilCheck } from '@tabler/icons-react';
import type { ConsentGap, MediaItem } from '../../api/newsroom';
import { t } from '../../i18n';
import { formatDateTime } from '../../ui/format';

/** Photos that could not be shown from /media yet (just uploaded) fall back to the picture in the browser. */
function Photo({ m, size, local }: { m: MediaItem; size: 'medium' | 'large'; local?: string }) {
  return (
    <Box component="figure" m={0}>
      <img
        src={m.urls[size]}
        alt={m.caption ?? ''}
        loading="lazy"
        onError={(e) => {
          if (local && e.currentTarget.src !== local) e.currentTarget.src = local;
        }}
        style={{ width: '100%', height: 'auto', display: 'block', borderRadius: 'var(--mantine-radius-sm)', background: 'var(--mantine-color-gray-1)', minHeight: 60 }}
      />
      {m.caption ? (
        <Text component="figcaption" size="sm" c="dimmed" mt={4} fs="italic" className="loa-break">
          {m.caption}
        </Text>
      ) : null}
    </Box>
  );
}

export type PreviewContent = {
  title: string;
  summary: string | null;
  bodyHtml: string;
  themes: string[];
  media: MediaItem[];
  coverMediaId: number | null;
  unitName?: string;
  publishedAt?: string | null;
  correctionNote?: string | null;
};

/** The article as readers will see it: cover, title, lead, text, the other photos. */
export function ArticlePreview({ a, localUrls }: { a: PreviewContent; localUrls?: Record<number, string> }) {
  const cover = a.media.find((m) => m.id === a.coverMediaId) ?? a.media[0] ?? null;
  const others = a.media.filter((m) => m !== cover);
  return (
    <Stack gap="sm" component="article" maw={760}>
      {cover ? <Photo m={cover} size="large" local={localUrls?.[cover.id]} /> : null}
      <Title order={1} fz={{ base: 'h3', sm: 'h2' }} className="loa-break">
        {a.title || t('articles.untitled')}
      </Title>
      {a.unitName || a.publishedAt ? (
        <Text size="sm" c="dimmed">
          {[a.unitName, a.publishedAt ? formatDateTime(a.publishedAt) : ''].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
      {a.summary ? (
        <Text fw={600} className="loa-break">
          {a.summary}
        </Text>
      ) : null}
      {a.bodyHtml ? (
        <Typography className="loa-break">
          {/* The body is sanitised by the server (a short allow-list of tags; images only from /media). */}
          <div dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        </Typography>
      ) : (
        <Text c="dimmed">{t('articles.noBody')}</Text>
      )}
      {others.length ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {others.map((m) => (
            <Photo key={m.id} m={m} size="medium" local={localUrls?.[m.id]} />
          ))}
        </SimpleGrid>
      ) : null}
      {a.correctionNote ? (
        <Alert color="yellow" icon={<IconPencilCheck size={18} />} title={t('articles.correctionNote')}>
          {a.correctionNote}
        </Alert>
      ) : null}
      {a.themes.length ? (
        <Group gap={4}>
          {a.themes.map((th) => (
            <Badge key={th} variant="outline" color="gray" tt="none">
              {th}
            </Badge>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

/** What the consent rule still needs before the article may be published (red), or that it may be (green). */
export function ConsentChecklist({ gaps }: { gaps: ConsentGap[] }) {
  if (!gaps.length) {
    return (
      <Group gap="xs" wrap="nowrap" role="status">
        <ThemeIcon color="teal" variant="light" size="sm" radius="xl">
          <IconCircleCheck size={16} />
        </ThemeIcon>
        <Text size="sm" c="teal.8" fw={600}>
          {t('consentCheck.ok')}
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={4} role="status">
      <Text size="sm" c="red.8" fw={600}>
        {t('consentCheck.missing')}
      </Text>
      <List
        spacing={2}
        size="sm"
        icon={
          <ThemeIcon color="red" variant="light" size="sm" radius="xl">
            <IconCircleX size={16} />
          </ThemeIcon>
        }
      >
        {gaps.map((g, i) => (
          <List.Item key={`${g.kind}-${g.mediaId ?? ''}-${g.consentId ?? ''}-${i}`}>
            <Text size="sm" c="red.8" className="loa-break">
              {g.message.charAt(0).toUpperCase() + g.message.slice(1)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
