// Inside a known project (its menu is above): a release cycle, KEP or page it does not have.
export default function ProjectNotFound() {
  return (
    <>
      <h1>Not found in this project</h1>
      <p>This project has no such release cycle, KEP or page. Its menu above leads to the releases, the plan, the KEPs and the end-of-life dates.</p>
    </>
  );
}
