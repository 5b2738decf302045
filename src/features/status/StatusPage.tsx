import { BackendPanel } from './BackendPanel';
import { CrossCheckPanel } from './CrossCheckPanel';
import { VariantList } from './VariantList';

/** The first screen: which backend runs, whether every variant agrees with cpu, and the list. */
export function StatusPage() {
  return (
    <div className="page">
      <BackendPanel />
      <CrossCheckPanel />
      <VariantList />
    </div>
  );
}
