/**
 * Record the erasure of one storage medium: method (with the usual ones offered), NIST SP 800-88 level,
 * tool and version, passes, verification, result, and the disk. Append-only on the server.
 */
import { type FormEvent, useState } from 'react';
import {
  Button,
  ComboBox,
  FieldError,
  Form,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  api,
  type CreatedErasure,
  type Device,
  ERASURE_LEVELS,
  type ErasureInput,
  type ErasureLevel,
  STORAGE_TYPES,
  type StorageType,
} from '../api.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  parseDecimal,
  SelectField,
  SubmitButton,
  type SummaryField,
  useServerFieldErrors,
} from './forms.tsx';
import { HelpDetails } from './help.tsx';

const METHOD_SUGGESTIONS = ['nist', 'ataSecureErase', 'crypto', 'physical'] as const;

export function ErasureForm({
  device,
  onRecorded,
  onCancel,
}: {
  device: Device;
  onRecorded: (erasure: CreatedErasure) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState('');
  const [level, setLevel] = useState<ErasureLevel | ''>('');
  const [tool, setTool] = useState('');
  const [toolVersion, setToolVersion] = useState('');
  const [passes, setPasses] = useState('');
  const [verified, setVerified] = useState(false);
  const [result, setResult] = useState<'passed' | 'failed' | null>(null);
  const [diskSerial, setDiskSerial] = useState('');
  const [diskModel, setDiskModel] = useState('');
  const [storageType, setStorageType] = useState<StorageType | ''>(device.storageType ?? '');
  const [capacity, setCapacity] = useState(device.storageGb ? String(device.storageGb) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const suggestions = METHOD_SUGGESTIONS.map((key) => ({ id: key, name: t(`erasure.methods.${key}`) }));

  const fields: Record<string, SummaryField> = {
    method: { id: 'erasure-method', label: t('erasure.method') },
    level: { id: 'erasure-level', label: t('erasure.level') },
    tool: { id: 'erasure-tool', label: t('erasure.tool') },
    toolVersion: { id: 'erasure-tool-version', label: t('erasure.toolVersion') },
    passes: { id: 'erasure-passes', label: t('erasure.passes') },
    verified: { id: 'erasure-verified', label: t('erasure.verified') },
    result: { id: 'erasure-result', label: t('erasure.result') },
    diskSerial: { id: 'erasure-disk-serial', label: t('erasure.diskSerial') },
    diskModel: { id: 'erasure-disk-model', label: t('erasure.diskModel') },
    storageType: { id: 'erasure-storage-type', label: t('deviceFields.storageType') },
    capacityGb: { id: 'erasure-capacity', label: t('erasure.capacity') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !result || !method.trim()) return;
    const input: ErasureInput = { method: method.trim(), verified, result };
    if (level) input.level = level;
    if (tool.trim()) input.tool = tool.trim();
    if (toolVersion.trim()) input.toolVersion = toolVersion.trim();
    const passCount = parseDecimal(passes);
    if (passCount !== undefined) input.passes = passCount;
    if (diskSerial.trim()) input.diskSerial = diskSerial.trim();
    if (diskModel.trim()) input.diskModel = diskModel.trim();
    if (storageType) input.storageType = storageType;
    const capacityGb = parseDecimal(capacity);
    if (capacityGb !== undefined) input.capacityGb = capacityGb;
    setBusy(true);
    setError(null);
    try {
      onRecorded(await api.recordErasure(device.id, input));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Form className="form erasure-form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <ComboBox
        className="field combobox-field"
        name="method"
        inputValue={method}
        onInputChange={setMethod}
        defaultItems={suggestions}
        allowsCustomValue
        isRequired
        menuTrigger="focus"
        validate={(value) => (value.inputValue.trim() ? null : t('validation.required'))}
      >
        <Label>
          {t('erasure.method')}
          <span className="field-flag"> ({t('common.required')})</span>
        </Label>
        <Text slot="description" className="help">
          {t('erasure.methodHelp')}
        </Text>
        <div className="combobox-row">
          <Input id="erasure-method" />
          <Button className="combobox-button" aria-label={t('common.showList')}>
            <span aria-hidden="true">▾</span>
          </Button>
        </div>
        <FieldError className="field-error" />
        <Popover className="popover">
          <ListBox className="listbox">
            {(item: { id: string; name: string }) => (
              <ListBoxItem id={item.id} className="listbox-item" textValue={item.name}>
                {item.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <HelpDetails summary={t('erasure.levelGuide.title')}>
        <dl>
          <dt>{t('erasure.levels.clear')}</dt>
          <dd>{t('erasure.levelGuide.clear')}</dd>
          <dt>{t('erasure.levels.purge')}</dt>
          <dd>{t('erasure.levelGuide.purge')}</dd>
          <dt>{t('erasure.levels.destroy')}</dt>
          <dd>{t('erasure.levelGuide.destroy')}</dd>
        </dl>
        <p>{t('erasure.levelGuide.law')}</p>
      </HelpDetails>
      <div className="field-grid">
        <SelectField
          id="erasure-level"
          name="level"
          label={t('erasure.level')}
          description={t('erasure.levelHelp')}
          optional
          value={level}
          onChange={(value) => setLevel(value as ErasureLevel | '')}
          placeholder={t('common.none')}
          options={ERASURE_LEVELS.map((value) => ({ value, label: t(`erasure.levels.${value}`) }))}
        />
        <Field
          id="erasure-tool"
          name="tool"
          label={t('erasure.tool')}
          optional
          description={t('erasure.toolHelp')}
          value={tool}
          onChange={setTool}
          maxLength={100}
          autoComplete="off"
        />
        <Field
          id="erasure-tool-version"
          name="toolVersion"
          label={t('erasure.toolVersion')}
          optional
          value={toolVersion}
          onChange={setToolVersion}
          maxLength={50}
          autoComplete="off"
        />
        <Field
          id="erasure-passes"
          name="passes"
          label={t('erasure.passes')}
          optional
          value={passes}
          onChange={setPasses}
          inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
          validate={(value) =>
            value.trim() && !/^\d{1,3}$/.test(value.trim()) ? t('validation.wholeNumber') : null
          }
        />
      </div>
      <CheckboxField
        id="erasure-verified"
        name="verified"
        label={t('erasure.verifiedLabel')}
        isSelected={verified}
        onChange={setVerified}
      />
      <RadioGroup
        className="field radio-group"
        name="result"
        value={result}
        onChange={(value) => setResult(value as 'passed' | 'failed')}
        isRequired
        validate={(value) => (value ? null : t('validation.required'))}
      >
        <Label>
          {t('erasure.result')}
          <span className="field-flag"> ({t('common.required')})</span>
        </Label>
        <Text slot="description" className="help">
          {t('erasure.resultHelp')}
        </Text>
        <div className="radio-row">
          <Radio value="passed" id="erasure-result" className="radio">
            {t('erasure.results.passed')}
          </Radio>
          <Radio value="failed" className="radio">
            {t('erasure.results.failed')}
          </Radio>
        </div>
        <FieldError className="field-error" />
      </RadioGroup>
      <fieldset className="fieldset">
        <legend>{t('erasure.disk')}</legend>
        <div className="field-grid">
          <Field
            id="erasure-disk-serial"
            name="diskSerial"
            label={t('erasure.diskSerial')}
            optional
            value={diskSerial}
            onChange={setDiskSerial}
            maxLength={100}
            autoComplete="off"
            inputProps={{ spellCheck: false }}
          />
          <Field
            id="erasure-disk-model"
            name="diskModel"
            label={t('erasure.diskModel')}
            optional
            value={diskModel}
            onChange={setDiskModel}
            maxLength={150}
            autoComplete="off"
          />
          <SelectField
            id="erasure-storage-type"
            name="storageType"
            label={t('deviceFields.storageType')}
            optional
            value={storageType}
            onChange={(value) => setStorageType(value as StorageType | '')}
            placeholder={t('common.none')}
            options={STORAGE_TYPES.map((value) => ({ value, label: t(`storageTypes.${value}`) }))}
          />
          <Field
            id="erasure-capacity"
            name="capacityGb"
            label={t('erasure.capacity')}
            optional
            value={capacity}
            onChange={setCapacity}
            inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
            validate={(value) => {
              const n = parseDecimal(value);
              return n !== undefined && (Number.isNaN(n) || n < 0) ? t('validation.number') : null;
            }}
          />
        </div>
      </fieldset>
      <div className="actions">
        <SubmitButton busy={busy}>{t('erasure.save')}</SubmitButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Form>
  );
}
