import { ActionIcon, Alert, Anchor, Button, Card, ColorInput, FileButton, Group, Image, Loader, NumberInput, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconDeviceFloppy, IconExternalLink, IconPhoto, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type SiteImage, type SiteLeader, type SiteMenuItem, type SiteSettings, type SiteSettingsInput, contrastWithWhite, sitesApi } from '../../api/sites';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { RichText } from '../newsroom/RichText';
import { useArticleUnit } from '../newsroom/useArticleUnit';

const siteKey = (unitId: number) => ['sites', unitId] as const;
const leadersKey = (unitId: number) => ['sites', unitId, 'leaders'] as const;

/** A unit's website: look (slug, colour, logo, banner), menu, introduction, functions, leaders and own domains. */
export function SiteSettingsPage() {
  const [unit, setUnit, unitState] = useArticleUnit('sites.write', { isRemembered: false });
  return (
    <Stack gap="md">
      <PageHeader title={t('sites.title')} />
      <Text c="gray.7">{t('sites.lead')}</Text>
      <UnitPicker label={t('sites.unit')} value={unit} onChange={setUnit} maw={520} />
      {unitState.isPending && <Loader aria-label={t('common.loading')} />}
      {unit && <SiteEditor key={unit.id} unitId={unit.id} />}
    </Stack>
  );
}

function SiteEditor({ unitId }: { unitId: number }) {
  const site = useQuery({ queryKey: siteKey(unitId), queryFn: () => sitesApi.get(unitId) });
  if (site.isPending) return <Loader aria-label={t('common.loading')} />;
  if (site.isError) return <ErrorAlert error={site.error} />;
  const s = site.data;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Anchor href={s.publicPath} target="_blank" rel="noopener" c="indigo.9">
          <Group gap={4} component="span">
            {t('sites.view')} <IconExternalLink size={16} aria-hidden />
          </Group>
        </Anchor>
        <Text c="gray.7" size="sm">
          {s.publicPath}
          {s.domains.length > 0 && ` · ${s.domains.join(', ')}`}
        </Text>
      </Group>
      {!s.canEdit && <Alert color="gray">{t('sites.readOnly')}</Alert>}
      <Tabs defaultValue="look" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="look">{t('sites.tab.look')}</Tabs.Tab>
          <Tabs.Tab value="menu">{t('sites.tab.menu')}</Tabs.Tab>
          <Tabs.Tab value="about">{t('sites.tab.about')}</Tabs.Tab>
          <Tabs.Tab value="leaders">{t('sites.tab.leaders')}</Tabs.Tab>
          <Tabs.Tab value="domains">{t('sites.tab.domains')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="look" pt="md">
          <LookForm key={s.version} s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="menu" pt="md">
          <MenuForm key={s.version} s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="about" pt="md">
          <AboutForm key={s.version} s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="leaders" pt="md">
          <Leaders unitId={unitId} canEdit={s.canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="domains" pt="md">
          <DomainsForm key={s.version} s={s} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function useSave(s: SiteSettings) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<SiteSettingsInput, 'version'>) => sitesApi.update(s.unitId, { ...body, version: s.version }),
    onSuccess: (next) => {
      qc.setQueryData(siteKey(s.unitId), next);
      notifySuccess(t('sites.saved'));
    },
  });
}

function ImageField({ label, unitId, value, onChange, disabled }: { label: string; unitId: number; value: SiteImage | null; onChange: (v: SiteImage | null) => void; disabled: boolean }) {
  const upload = useMutation({ mutationFn: (f: File) => sitesApi.uploadImage(unitId, f), onSuccess: onChange, onError: notifyError });
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      <Group gap="sm" align="center">
        {value ? <Image src={value.small} alt={label} h={64} w="auto" fit="contain" radius="sm" /> : <Text c="gray.7" size="sm">{t('sites.noImage')}</Text>}
        <FileButton onChange={(f) => f && upload.mutate(f)} accept="image/png,image/jpeg,image/webp" disabled={disabled}>
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconPhoto size={16} />} loading={upload.isPending} disabled={disabled}>
              {t('sites.upload')}
            </Button>
          )}
        </FileButton>
        {value && (
          <Button variant="subtle" color="red" onClick={() => onChange(null)} disabled={disabled}>
            {t('sites.removeImage')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function LookForm({ s }: { s: SiteSettings }) {
  const save = useSave(s);
  const [slug, setSlug] = useState(s.slug);
  const [colour, setColour] = useState(s.primaryColor);
  const [tagline, setTagline] = useState(s.tagline);
  const [logo, setLogo] = useState<SiteImage | null>(s.logo);
  const [banner, setBanner] = useState<SiteImage | null>(s.banner);
  const ratio = contrastWithWhite(colour);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <TextInput label={t('sites.slug')} description={t('sites.slugHint')} value={slug} onChange={(e) => setSlug(e.currentTarget.value)} disabled={!s.canEdit} />
        <ColorInput
          label={t('sites.colour')}
          description={ratio ? t('sites.contrast', { ratio: ratio.toFixed(1).replace('.', ',') }) : undefined}
          error={ratio !== null && ratio < 4.5 ? t('sites.contrastLow') : undefined}
          value={colour}
          onChange={setColour}
          format="hex"
          disabled={!s.canEdit}
          maw={320}
        />
        <TextInput label={t('sites.tagline')} value={tagline} onChange={(e) => setTagline(e.currentTarget.value)} maxLength={200} disabled={!s.canEdit} />
        <ImageField label={t('sites.logo')} unitId={s.unitId} value={logo} onChange={setLogo} disabled={!s.canEdit} />
        <ImageField label={t('sites.banner')} unitId={s.unitId} value={banner} onChange={setBanner} disabled={!s.canEdit} />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group>
          <Button
            color="indigo.8"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            disabled={!s.canEdit}
            onClick={() => save.mutate({ slug: slug.trim(), primaryColor: colour, tagline, logoMediaId: logo?.mediaId ?? null, bannerMediaId: banner?.mediaId ?? null })}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MenuForm({ s }: { s: SiteSettings }) {
  const save = useSave(s);
  const [items, setItems] = useState<SiteMenuItem[]>(s.menu);
  const set = (i: number, patch: Partial<SiteMenuItem>) => setItems(items.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    setItems(next);
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t('sites.menuHint')}
        </Text>
        {items.map((m, i) => (
          <Group key={i} align="flex-end" gap="xs" wrap="wrap">
            <TextInput label={t('sites.menuLabel')} value={m.label} onChange={(e) => set(i, { label: e.currentTarget.value })} maxLength={60} disabled={!s.canEdit} style={{ flex: '1 1 12rem' }} />
            <TextInput label={t('sites.menuHref')} value={m.href} onChange={(e) => set(i, { href: e.currentTarget.value })} placeholder={t('sites.menuHrefPlaceholder')} disabled={!s.canEdit} style={{ flex: '2 1 16rem' }} />
            <ActionIcon variant="default" size="lg" aria-label={t('sites.up')} onClick={() => move(i, -1)} disabled={!s.canEdit || i === 0}>
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon variant="default" size="lg" aria-label={t('sites.down')} onClick={() => move(i, 1)} disabled={!s.canEdit || i === items.length - 1}>
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('sites.remove')} onClick={() => setItems(items.filter((_, j) => j !== i))} disabled={!s.canEdit}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setItems([...items, { label: '', href: '' }])} disabled={!s.canEdit || items.length >= 20}>
            {t('sites.menuAdd')}
          </Button>
          <Button color="indigo.8" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!s.canEdit} onClick={() => save.mutate({ menu: items.filter((m) => m.label.trim() || m.href.trim()) })}>
            {t('common.save')}
          </Button>
        </Group>
        {save.isError && <ErrorAlert error={save.error} />}
      </Stack>
    </Card>
  );
}

function AboutForm({ s }: { s: SiteSettings }) {
  const save = useSave(s);
  const [intro, setIntro] = useState(s.introHtml);
  const [history, setHistory] = useState(s.historyHtml);
  const [functions, setFunctions] = useState(s.functionsHtml);
  return (
    <Card withBorder>
      <Stack gap="md">
        <RichText label={t('sites.intro')} initialHtml={s.introHtml} onChange={setIntro} />
        <RichText label={t('sites.history')} initialHtml={s.historyHtml} onChange={setHistory} />
        <RichText label={t('sites.functions')} initialHtml={s.functionsHtml} onChange={setFunctions} />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group>
          <Button color="indigo.8" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!s.canEdit} onClick={() => save.mutate({ introHtml: intro, historyHtml: history, functionsHtml: functions })}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DomainsForm({ s }: { s: SiteSettings }) {
  const qc = useQueryClient();
  const [text, setText] = useState(s.domains.join('\n'));
  const save = useMutation({
    mutationFn: () => sitesApi.setDomains(s.unitId, text.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean)),
    onSuccess: (next) => {
      qc.setQueryData(siteKey(s.unitId), next);
      notifySuccess(t('sites.saved'));
    },
  });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t('sites.domainsHint')}
        </Text>
        {!s.canMapDomains && <Alert color="gray">{t('sites.domainsAdminOnly')}</Alert>}
        <Textarea label={t('sites.domains')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} disabled={!s.canMapDomains} placeholder={t('sites.domainsPlaceholder')} />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group>
          <Button color="indigo.8" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!s.canMapDomains} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Leaders({ unitId, canEdit }: { unitId: number; canEdit: boolean }) {
  const list = useQuery({ queryKey: leadersKey(unitId), queryFn: () => sitesApi.leaders(unitId) });
  const [editing, setEditing] = useState<SiteLeader | 'new' | null>(null);
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <Stack gap="sm">
      {list.data.items.length === 0 && <Text c="gray.7">{t('sites.leadersEmpty')}</Text>}
      {list.data.items.map((l) =>
        editing !== 'new' && editing?.id === l.id ? (
          <LeaderForm key={l.id} unitId={unitId} leader={l} onDone={() => setEditing(null)} />
        ) : (
          <Card withBorder key={l.id}>
            <Group justify="space-between" wrap="wrap">
              <Group gap="sm">
                {l.photo && <Image src={l.photo.small} alt="" h={56} w={44} fit="cover" radius="sm" />}
                <div>
                  <Text fw={600}>{l.name}</Text>
                  <Text size="sm" c="gray.7">
                    {l.position} · {t('sites.updatedOn', { date: new Date(l.updatedAt).toLocaleDateString('vi-VN') })}
                  </Text>
                </div>
              </Group>
              <Button variant="default" onClick={() => setEditing(l)} disabled={!canEdit}>
                {t('sites.edit')}
              </Button>
            </Group>
          </Card>
        ),
      )}
      {editing === 'new' ? (
        <LeaderForm unitId={unitId} leader={null} onDone={() => setEditing(null)} />
      ) : (
        <Group>
          <Button color="indigo.8" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={!canEdit}>
            {t('sites.leaderAdd')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function LeaderForm({ unitId, leader, onDone }: { unitId: number; leader: SiteLeader | null; onDone: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState(leader?.name ?? '');
  const [position, setPosition] = useState(leader?.position ?? '');
  const [photo, setPhoto] = useState<SiteImage | null>(leader?.photo ?? null);
  const [bio, setBio] = useState(leader?.bioHtml ?? '');
  const [duties, setDuties] = useState(leader?.dutiesHtml ?? '');
  const [order, setOrder] = useState<number>(leader?.sortOrder ?? 1);
  const body = () => ({ name: name.trim(), position: position.trim(), photoMediaId: photo?.mediaId ?? null, bioHtml: bio, dutiesHtml: duties, sortOrder: order });
  const done = () => {
    void qc.invalidateQueries({ queryKey: leadersKey(unitId) });
    notifySuccess(t('sites.saved'));
    onDone();
  };
  const save = useMutation({ mutationFn: () => (leader ? sitesApi.updateLeader(leader.id, body()) : sitesApi.addLeader(unitId, body())), onSuccess: done });
  const remove = useMutation({ mutationFn: () => sitesApi.removeLeader(leader?.id as number), onSuccess: done });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <TextInput label={t('sites.leaderName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        <TextInput label={t('sites.leaderPosition')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} maxLength={200} />
        <NumberInput label={t('sites.leaderOrder')} value={order} onChange={(v) => setOrder(Number(v) || 0)} min={0} max={10000} maw={160} />
        <ImageField label={t('sites.leaderPhoto')} unitId={unitId} value={photo} onChange={setPhoto} disabled={false} />
        <RichText label={t('sites.leaderBio')} initialHtml={leader?.bioHtml ?? ''} onChange={setBio} />
        <RichText label={t('sites.leaderDuties')} initialHtml={leader?.dutiesHtml ?? ''} onChange={setDuties} />
        {(save.isError || remove.isError) && <ErrorAlert error={save.error ?? remove.error} />}
        <Group>
          <Button color="indigo.8" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!name.trim()} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          {leader && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('sites.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
