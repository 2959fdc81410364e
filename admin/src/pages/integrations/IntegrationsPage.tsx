import { PageHeader } from '../../components/Layout';

export default function IntegrationsPage() {
  return <PageHeader title="IntegrationsPage" description="Coming with the integrations API." />;
}
