export default function HomePage() {
  return (
    <main>
      <h1>Segmenta</h1>
      <p>
        Customer segmentation and lifetime value. The analytics engines run from the command line today:
        <code> npm run analyze -- transactions.csv.gz</code>.
      </p>
    </main>
  );
}
