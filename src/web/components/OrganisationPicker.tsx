/**
 * Choose an organisation from the directory by typing part of its name (a react-aria combo box): the
 * list comes from `GET /organisations?kind=…&q=…` as one types (any kind when none is given).
 */
import { useEffect, useState } from 'react';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api, isAbort, type OrganisationKind, type OrganisationProfile } from '../api.ts';

export interface PickedOrganisation {
  id: string;
  name: string;
}

export function OrganisationPicker({
  id,
  name,
  label,
  kind,
  value,
  onChange,
  description,
  isRequired,
}: {
  /** The text box's id (the error summary's link target). */
  id: string;
  /** The field's name, as the server names it in its errors. */
  name: string;
  label: string;
  /** Only organisations of this kind; any organisation without it. */
  kind?: OrganisationKind;
  value: PickedOrganisation | null;
  onChange: (organisation: PickedOrganisation | null) => void;
  description?: string;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  const [inputValue, setInputValue] = useState(value?.name ?? '');
  const [items, setItems] = useState<PickedOrganisation[]>(value ? [value] : []);
  const [loading, setLoading] = useState(false);

  // The chosen organisation may arrive after the first render (the current organisation, loaded late).
  useEffect(() => {
    if (value) setInputValue((previous) => previous || value.name);
  }, [value]);

  // Search as one types, after a short pause; the chosen organisation stays in the list.
  useEffect(() => {
    const controller = new AbortController();
    const query = value && inputValue === value.name ? '' : inputValue.trim();
    const timer = window.setTimeout(() => {
      setLoading(true);
      api
        .organisations(
          { ...(kind ? { kind } : {}), ...(query ? { q: query } : {}), limit: 20 },
          controller.signal,
        )
        .then((page) => {
          const found = page.items.map((o: OrganisationProfile) => ({ id: o.id, name: o.name }));
          if (value && !found.some((o) => o.id === value.id)) found.unshift(value);
          setItems(found);
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setItems(value ? [value] : []);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [inputValue, kind, value]);

  return (
    <ComboBox
      className="field combobox-field"
      name={name}
      items={items}
      inputValue={inputValue}
      onInputChange={(text) => {
        setInputValue(text);
        // Typing something else than the chosen name undoes the choice: what shows is what is sent.
        if (value && text !== value.name) onChange(null);
      }}
      value={value?.id ?? null}
      onChange={(key) => {
        const picked = items.find((o) => o.id === key) ?? null;
        // Show the chosen name at once (the list is ours, so the combo box may not do it itself).
        if (picked) setInputValue(picked.name);
        onChange(picked);
      }}
      isRequired={isRequired ?? false}
      allowsEmptyCollection
      validate={(current) => (isRequired && !current.value ? t('validation.required') : null)}
    >
      <Label>
        {label}
        {isRequired && <span className="field-flag"> ({t('common.required')})</span>}
      </Label>
      {description && (
        <Text slot="description" className="help">
          {description}
        </Text>
      )}
      <div className="combobox-row">
        <Input id={id} />
        <Button className="combobox-button" aria-label={t('common.showList')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox
          className="listbox"
          renderEmptyState={() => (
            <p className="listbox-empty">{loading ? t('common.loading') : t('common.noMatch')}</p>
          )}
        >
          {(organisation: PickedOrganisation) => (
            <ListBoxItem id={organisation.id} className="listbox-item" textValue={organisation.name}>
              {organisation.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
