import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { registryPath } from '../../../app/layout/navigation';
import { useLicence } from '../api';

/** A licence named by its number once known (by its id until then). */
export function LicenceLink({ id, testId }: { id: number; testId?: string }) {
  const { t } = useTranslation();
  const licence = useLicence(id);
  return (
    <Link to={registryPath('licences', id)} className="mono" data-testid={testId}>
      {licence.data?.number ?? t('licensing.licence.numberShort', { id })}
    </Link>
  );
}
