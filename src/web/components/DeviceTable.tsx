/**
 * A table of devices: asset tag (a link to the device), type, brand and model, serial number, status,
 * grade and location — with, on the stock page, a checkbox per row and sorting by asset tag.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Device } from '../api.ts';
import { StatusBadge } from './inventory.tsx';
import { TableScroll } from './ui.tsx';

export type DeviceSort = 'assetTag' | '-assetTag';

export interface DeviceSelection {
  selected: ReadonlySet<string>;
  toggle(id: string, selected: boolean): void;
  toggleAll(selected: boolean): void;
}

function SelectAll({ devices, selection }: { devices: readonly Device[]; selection: DeviceSelection }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const count = devices.filter((d) => selection.selected.has(d.id)).length;
  const all = count > 0 && count === devices.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-checkbox"
      checked={all}
      aria-label={t('stock.selectAll')}
      onChange={(event) => selection.toggleAll(event.target.checked)}
    />
  );
}

export function DeviceTable({
  devices,
  caption,
  selection,
  sort,
  onSort,
  locationNames,
}: {
  devices: readonly Device[];
  caption: string;
  selection?: DeviceSelection;
  sort?: DeviceSort;
  onSort?: (sort: DeviceSort) => void;
  locationNames?: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const descending = sort === '-assetTag';
  return (
    <TableScroll label={caption}>
      <table className="device-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="cell-checkbox">
                <SelectAll devices={devices} selection={selection} />
              </th>
            )}
            <th scope="col" {...(sort ? { 'aria-sort': descending ? 'descending' : 'ascending' } : {})}>
              {onSort ? (
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort(descending ? 'assetTag' : '-assetTag')}
                >
                  {t('deviceFields.assetTag')}
                  <span aria-hidden="true">{descending ? ' ▼' : ' ▲'}</span>
                  <span className="visually-hidden">
                    {descending ? t('stock.sortedDescending') : t('stock.sortedAscending')}
                  </span>
                </button>
              ) : (
                t('deviceFields.assetTag')
              )}
            </th>
            <th scope="col">{t('deviceFields.type')}</th>
            <th scope="col">{t('stock.colModel')}</th>
            <th scope="col">{t('deviceFields.serialNumber')}</th>
            <th scope="col">{t('deviceFields.status')}</th>
            <th scope="col">{t('deviceFields.grade')}</th>
            {locationNames && <th scope="col">{t('deviceFields.locationId')}</th>}
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <tr key={device.id} className={selection?.selected.has(device.id) ? 'row-selected' : undefined}>
              {selection && (
                <td className="cell-checkbox">
                  <input
                    type="checkbox"
                    className="row-checkbox"
                    checked={selection.selected.has(device.id)}
                    aria-label={t('stock.select', { tag: device.assetTag })}
                    onChange={(event) => selection.toggle(device.id, event.target.checked)}
                  />
                </td>
              )}
              <th scope="row" className="nowrap">
                <Link to={`/appareils/${device.id}`} className="asset-tag-link">
                  {device.assetTag}
                </Link>
              </th>
              <td>{t(`deviceTypes.${device.type}`)}</td>
              <td>{[device.brand, device.model].filter(Boolean).join(' ') || t('common.none')}</td>
              <td className="nowrap">{device.serialNumber ?? t('common.none')}</td>
              <td>
                <StatusBadge status={device.status} />
              </td>
              <td>{device.grade ?? t('common.none')}</td>
              {locationNames && (
                <td>{device.locationId ? (locationNames[device.locationId] ?? '…') : t('common.none')}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
