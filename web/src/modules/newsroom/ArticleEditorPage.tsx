import { Alert, Button, Card, Group, Loader, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconEye, IconFileCertificate, IconLock, IconRefresh, IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { type Article, type ArticleInput, type MediaItem, articlesApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useUser } from '../auth/session';
import { ArticlePreview, ConsentChecklist } from './ArticlePreview';
import { BackToArticles } from './BackToArticles';
import { ConsentFormModal, ConsentSelect } from './Consents';
import { articleKey, articlesKey } from './keys';
import { formatVnDateTime, formatVnTime, themeSuggestions } from './labels';
import { PhotosField } from './PhotosField';
import { PlanTasksField } from './PlanTasksField';
import { RichText } from './RichText';
import { useArticleUnit } from './useArticleUnit';

const autosaveMs = 3000;
const lockRenewMs = 120_000;

type Draft = {
  title: string;
  summary: string;
  bodyHtml: string;
  themes: string[];
  planTaskIds: number[];
  media: MediaItem[];
  coverMediaId: number | null;
  isIdentifyingPupils: boolean;
  consentIds: number[];
};

function draftOf(a: Article | null): Draft {
  return {
    title: a?.title ?? '',
    summary: a?.summary ?? '',
    bodyHtml: a?.bodyHtml ?? '',
    themes: a?.themes ?? [],
    planTaskIds: a?.planTaskIds ?? [],
    media: a?.media ?? [],
    coverMediaId: a?.coverMediaId ?? null,
    isIdentifyingPupils: a?.isIdentifyingPupils ?? false,
    consentIds: a?.consentIds ?? [],
  };
}

function inputOf(d: Draft): ArticleInput {
  return {
    title: d.title.trim(),
    summary: d.summary.trim() || null,
    bodyHtml: d.bodyHtml,
    themes: d.themes,
    planTaskIds: d.planTaskIds,
    mediaIds: d.media.map((m) => m.id),
    coverMediaId: d.coverMediaId,
    isIdentifyingPupils: d.isIdentifyingPupils,
    consentIds: d.consentIds,
  };
}

/**
 * The editor of /tin-bai/moi and /tin-bai/$id/sua. It lives in a layout route
 * above both, so when a new article's first autosave creates it and the address
 * becomes /tin-bai/<id>/sua, the editor (and the text being typed, the phone's
 * keyboard) stays as it is.
 */
export function ArticleEditorHost() {
  const params = useParams({ strict: false }) as { id?: string };
  const navigate = useNavigate();
  const routeId = params.id ? Number(params.id) : null;
  const [st, setSt] = useState({ session: 0, adopted: null as number | null, routeId, reloads: 0 });
  if (st.routeId !== routeId) {
    setSt({
      ...st,
      routeId,
      session: routeId === null ? st.session + 1 : st.session,
      adopted: routeId !== null && routeId === st.adopted ? st.adopted : null,
    });
  }
  const reload = () => setSt((s) => ({ ...s, adopted: null, reloads: s.reloads + 1 }));
  if (routeId === null || routeId === st.adopted) {
    return (
      <ArticleEditor
        key={`new-${st.session}-${st.reloads}`}
        article={null}
        onCreated={(id) => {
          setSt((s) => ({ ...s, adopted: id }));
          void navigate({ to: '/tin-bai/$id/sua', params: { id: String(id) }, replace: true });
        }}
        onReload={reload}
      />
    );
  }
  return <LoadedEditor key={`${routeId}-${st.reloads}`} id={routeId} nonce={st.reloads} onReload={reload} />;
}

function LoadedEditor({ id, nonce, onReload }: { id: number; nonce: number; onReload: () => void }) {
  const article = useQuery({ queryKey: [...articleKey(id), 'edit', nonce], queryFn: () => articlesApi.get(id), gcTime: 0 });
  if (article.isPending) return <Loader aria-label={t('common.loading')} />;
  if (article.isError) {
    return (
      <Stack gap="sm">
        <BackToArticles />
        <ErrorAlert error={article.error} />
      </Stack>
    );
  }
  return <ArticleEditor article={article.data} onCreated={() => undefined} onReload={onReload} />;
}

function ArticleEditor({ article, onCreated, onReload }: { article: Article | null; onCreated: (id: number) => void; onReload: () => void }) {
  const user = useUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [pickedUnit, setPickedUnit] = useArticleUnit('articles.write', { isRemembered: false });
  const unit = article ? { id: article.unitId, name: article.unitName } : pickedUnit;
  const [current, setCurrent] = useState<Article | null>(article);
  const articleId = current?.id ?? null;
  const mode: 'draft' | 'correct' | 'readonly' = !article ? 'draft' : article.can.edit ? 'draft' : article.can.correct ? 'correct' : 'readonly';

  const [draft, setDraft] = useState<Draft>(() => draftOf(article));
  const [rev, setRev] = useState(0);
  const [savedRev, setSavedRev] = useState(0);
  const [errorRev, setErrorRev] = useState(-1);
  const [isSaving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState<ApiError | null>(null);
  const [lockedMsg, setLockedMsg] = useState<string | null>(() =>
    article?.lockedBy && article.lockedBy.id !== user.id && mode !== 'readonly'
      ? t('articleEditor.lockedBy', { name: article.lockedBy.name, until: formatVnDateTime(article.lockedUntil) })
      : null,
  );
  const [localUrls, setLocalUrls] = useState<Record<number, string>>({});
  const [note, setNote] = useState('');
  const [isNoteTried, setNoteTried] = useState(false);
  const [isBusy, setBusy] = useState<'submit' | 'done' | 'correct' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [isAddingConsent, setAddingConsent] = useState(false);
  const [unitError, setUnitError] = useState<string | null>(null);

  const isReadOnly = mode === 'readonly' || !!lockedMsg;
  const isCorrecting = mode === 'correct';

  // Refs for the save loop, which outlives renders (debounce timer, unmount flush).
  const r = useRef({
    draft,
    rev,
    savedRev,
    articleId,
    version: article?.version ?? 0,
    unitId: unit?.id ?? null,
    inFlight: null as Promise<boolean> | null,
    isLeaving: false,
    onCreated,
  });
  r.current.draft = draft;
  r.current.rev = rev;
  r.current.unitId = unit?.id ?? null;
  r.current.onCreated = onCreated;

  const change = useCallback((patch: Partial<Draft> | ((d: Draft) => Partial<Draft>)) => {
    setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
    setRev((n) => n + 1);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    const s = r.current;
    // One save at a time: each carries the version the previous one returned.
    while (s.inFlight) await s.inFlight;
    if (s.rev === s.savedRev && s.articleId) return true;
    const d = s.draft;
    const startRev = s.rev;
    if (!d.title.trim()) return false;
    if (!s.articleId && !s.unitId) return false;
    const run = (async () => {
      setSaving(true);
      try {
        let a: Article;
        if (!s.articleId) {
          a = await articlesApi.create({ ...inputOf(d), unitId: s.unitId as number });
          s.articleId = a.id;
          // Saved on the way out: keep the draft, but do not pull the user back to it.
          if (!s.isLeaving) s.onCreated(a.id);
        } else {
          a = await articlesApi.update(s.articleId, { ...inputOf(d), version: s.version });
        }
        s.version = a.version;
        s.savedRev = startRev;
        setSavedRev(startRev);
        setCurrent(a);
        setSavedAt(new Date());
        setSaveError(null);
        qc.setQueryData(articleKey(a.id), a);
        void qc.invalidateQueries({ queryKey: [...articlesKey, 'list'] });
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'article.locked') setLockedMsg(err.message);
        else if (err instanceof ApiError && (err.code === 'article.stale' || err.code === 'article.not_editable')) setBlocked(err);
        else {
          setSaveError(err);
          setErrorRev(startRev);
        }
        return false;
      } finally {
        s.inFlight = null;
        setSaving(false);
      }
    })();
    s.inFlight = run;
    return run;
  }, [qc]);

  // Autosave: a few seconds after the last change.
  useEffect(() => {
    if (isReadOnly || isCorrecting || blocked || isSaving || rev === savedRev || rev === errorRev) return;
    const timer = setTimeout(() => void save(), autosaveMs);
    return () => clearTimeout(timer);
  }, [rev, savedRev, errorRev, isSaving, isReadOnly, isCorrecting, blocked, save]);

  const isReadOnlyRef = useRef(isReadOnly);
  isReadOnlyRef.current = isReadOnly || !!blocked;
  const isCorrectingRef = useRef(isCorrecting);
  isCorrectingRef.current = isCorrecting;

  // Leaving the page: save what is left; closing the tab with unsaved text asks first.
  useEffect(() => {
    r.current.isLeaving = false;
    const warn = (e: BeforeUnloadEvent) => {
      if (r.current.rev !== r.current.savedRev && r.current.draft.title.trim()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      r.current.isLeaving = true;
      if (r.current.rev !== r.current.savedRev && !isReadOnlyRef.current && !isCorrectingRef.current) void save();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The edit lock: taken on open, renewed every two minutes, released on leave.
  useEffect(() => {
    if (!articleId || mode === 'readonly') return;
    let isHeld = false;
    let isCancelled = false;
    const take = async () => {
      try {
        await articlesApi.lock(articleId);
        isHeld = true;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'article.locked') {
          isHeld = false;
          if (!isCancelled) setLockedMsg(err.message);
        }
      }
    };
    void take();
    const timer = setInterval(() => {
      if (isHeld) void take();
    }, lockRenewMs);
    return () => {
      isCancelled = true;
      clearInterval(timer);
      if (isHeld) {
        void articlesApi
          .unlock(articleId)
          .then(() => qc.invalidateQueries({ queryKey: articleKey(articleId) }))
          .catch(() => undefined);
      }
    };
  }, [articleId, mode, qc]);

  const isDirty = rev !== savedRev;
  const finish = async (action: 'submit' | 'done') => {
    setActionError(null);
    if (!draft.title.trim()) {
      setActionError(new ApiError(400, 'title', t('articleEditor.titleRequired')));
      return;
    }
    if (!unit) {
      setUnitError(t('articleEditor.unitRequired'));
      return;
    }
    setBusy(action);
    try {
      const ok = await save();
      const id = r.current.articleId;
      if (!ok || !id) return;
      if (action === 'submit') {
        const a = await articlesApi.move(id, { action: 'submit' });
        qc.setQueryData(articleKey(id), a);
        notifySuccess(t('articleActions.submitted'));
      }
      await qc.invalidateQueries({ queryKey: articlesKey });
      await navigate({ to: '/tin-bai/$id', params: { id: String(id) } });
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };
  const saveCorrection = async () => {
    setNoteTried(true);
    if (!note.trim() || !articleId) return;
    setBusy('correct');
    setActionError(null);
    try {
      const a = await articlesApi.correct(articleId, { ...inputOf(draft), version: r.current.version, note: note.trim() });
      qc.setQueryData(articleKey(a.id), a);
      await qc.invalidateQueries({ queryKey: articlesKey });
      notifySuccess(t('articleEditor.corrected'));
      setSavedRev(rev);
      r.current.savedRev = rev;
      await navigate({ to: '/tin-bai/$id', params: { id: String(a.id) } });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'article.stale') setBlocked(err);
      else setActionError(err);
    } finally {
      setBusy(null);
    }
  };

  const title = !article ? t('articleEditor.newTitle') : isCorrecting ? t('articleEditor.correctTitle') : t('articleEditor.editTitle');
  const status = isSaving
    ? t('articleEditor.saving')
    : blocked
      ? t('articleEditor.notSaved')
      : isDirty && !draft.title.trim()
        ? t('articleEditor.needTitle')
        : isDirty && isCorrecting
          ? t('articleEditor.correctionUnsaved')
          : isDirty
            ? t('articleEditor.unsaved')
            : savedAt
              ? t('articleEditor.savedAt', { time: formatVnTime(savedAt) })
              : articleId
                ? t('articleEditor.upToDate')
                : t('articleEditor.autosaveHint');

  if (isReadOnly) {
    return (
      <Stack gap="sm" maw={1000}>
        <BackToArticles id={articleId} />
        <PageHeader title={title} />
        {lockedMsg ? (
          <Alert color="orange" icon={<IconLock size={18} />} title={t('articleEditor.lockedTitle')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{lockedMsg}</Text>
              <Text size="sm">{t('articleEditor.lockedReadOnly')}</Text>
              <Group>
                <Button size="xs" variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                  {t('articleEditor.tryAgain')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Alert color="gray" icon={<IconLock size={18} />} role="status">
            {t('articleEditor.notEditable')}
          </Alert>
        )}
        <Card withBorder padding="md">
          <ArticlePreview a={{ ...draft, summary: draft.summary || null }} localUrls={localUrls} />
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="sm" maw={1000}>
      <BackToArticles id={articleId} />
      <PageHeader title={title} />
      {blocked ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('articleEditor.conflictTitle')} role="alert">
          <Stack gap="xs">
            <Text size="sm">{blocked.message}</Text>
            <Text size="sm">{t('articleEditor.conflictHint')}</Text>
            <Group>
              <Button size="xs" color="red" variant="light" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                {t('articleEditor.reload')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {current?.status === 'rejected' ? (
        <Alert color="orange" role="status">
          {t('articleEditor.rejectedHint')}
        </Alert>
      ) : null}
      <Card withBorder padding="md">
        <Stack gap="sm">
          {article ? (
            <TextInput label={t('articleForm.unit')} value={article.unitName} readOnly />
          ) : (
            <UnitPicker
              label={t('articleForm.unit')}
              required
              value={pickedUnit}
              onChange={(u) => {
                setPickedUnit(u);
                setUnitError(null);
              }}
              disabled={!!articleId}
              error={unitError}
            />
          )}
          <TextInput
            label={t('articleForm.title')}
            required
            value={draft.title}
            onChange={(e) => change({ title: e.currentTarget.value })}
            maxLength={300}
          />
          <Textarea
            label={t('articleForm.summary')}
            description={t('articleForm.summaryHint')}
            autosize
            minRows={2}
            maxLength={1000}
            value={draft.summary}
            onChange={(e) => change({ summary: e.currentTarget.value })}
          />
          <RichText label={t('articleForm.body')} initialHtml={draft.bodyHtml} onChange={(bodyHtml) => change({ bodyHtml })} />
          <TagsInput
            label={t('articleForm.themes')}
            description={t('articleForm.themesHint')}
            placeholder={draft.themes.length ? undefined : t('articleForm.themesPlaceholder')}
            data={themeSuggestions()}
            value={draft.themes}
            onChange={(themes) => change({ themes })}
            maxTags={10}
            splitChars={[',', ';']}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          {unit ? <PlanTasksField unitId={unit.id} value={draft.planTaskIds} onChange={(planTaskIds) => change({ planTaskIds })} /> : null}
        </Stack>
      </Card>
      <Card withBorder padding="md">
        {unit ? (
          <PhotosField
            unitId={unit.id}
            value={{ media: draft.media, coverMediaId: draft.coverMediaId }}
            onChange={(update) => change((d) => update({ media: d.media, coverMediaId: d.coverMediaId }))}
            onItemSaved={(m) => setDraft((d) => ({ ...d, media: d.media.map((x) => (x.id === m.id ? m : x)) }))}
            localUrls={localUrls}
            onLocalUrl={(id, url) => setLocalUrls((u) => ({ ...u, [id]: url }))}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('articleEditor.pickUnitForPhotos')}
          </Text>
        )}
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Text fw={600}>{t('articleForm.pupilsTitle')}</Text>
          <Switch
            label={t('articleForm.identifying')}
            description={t('articleForm.identifyingHint')}
            checked={draft.isIdentifyingPupils}
            onChange={(e) => change({ isIdentifyingPupils: e.currentTarget.checked })}
          />
          {draft.isIdentifyingPupils && unit ? (
            <>
              <ConsentSelect
                unitId={unit.id}
                label={t('articleForm.consents')}
                value={draft.consentIds}
                onChange={(consentIds) => change({ consentIds })}
              />
              <Group>
                <Button size="compact-sm" variant="subtle" leftSection={<IconFileCertificate size={14} />} onClick={() => setAddingConsent(true)}>
                  {t('consents.new')}
                </Button>
              </Group>
            </>
          ) : null}
          {current ? (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('consentCheck.title')}
              </Text>
              <ConsentChecklist gaps={current.consentGaps} />
              {isDirty ? (
                <Text size="xs" c="dimmed">
                  {t('consentCheck.afterSave')}
                </Text>
              ) : null}
            </Stack>
          ) : null}
        </Stack>
      </Card>
      {isCorrecting ? (
        <Card withBorder padding="md">
          <Textarea
            label={t('articleEditor.correctionNote')}
            description={t('articleEditor.correctionNoteHint')}
            required
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={isNoteTried && !note.trim() ? t('articleEditor.correctionNoteRequired') : null}
          />
        </Card>
      ) : null}
      <ErrorAlert error={actionError ?? saveError} />
      <Card
        withBorder
        padding="sm"
        shadow="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
        aria-label={t('articleEditor.saveBar')}
        component="section"
      >
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" c={blocked ? 'red' : isDirty ? 'dimmed' : 'teal.8'} role="status" aria-live="polite">
            {status}
          </Text>
          <Group gap="xs">
            {blocked ? (
              <Button color="red" variant="light" leftSection={<IconRefresh size={16} />} onClick={onReload}>
                {t('articleEditor.reload')}
              </Button>
            ) : isCorrecting ? (
              <Button onClick={() => void saveCorrection()} loading={isBusy === 'correct'} disabled={!!blocked}>
                {t('articleEditor.saveCorrection')}
              </Button>
            ) : (
              <>
                <Button
                  variant="default"
                  leftSection={<IconEye size={16} />}
                  onClick={() => void finish('done')}
                  loading={isBusy === 'done'}
                  disabled={!!blocked}
                >
                  {t('articleEditor.done')}
                </Button>
                {(current ? current.can.submit : true) ? (
                  <Button
                    leftSection={<IconSend size={16} />}
                    onClick={() => void finish('submit')}
                    loading={isBusy === 'submit'}
                    disabled={!!blocked}
                  >
                    {t('articleActions.submit')}
                  </Button>
                ) : null}
              </>
            )}
          </Group>
        </Group>
      </Card>
      {isAddingConsent && unit ? (
        <ConsentFormModal
          unitId={unit.id}
          onClose={() => setAddingConsent(false)}
          onCreated={(c) => change((d) => ({ consentIds: [...d.consentIds, c.id] }))}
        />
      ) : null}
    </Stack>
  );
}
