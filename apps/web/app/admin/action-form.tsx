// Moved to components/form.tsx; kept while the plan and qualification pages still import it here.
export { ActionForm } from '../components/form';
