export function NotFound() {
  return (
    <section>
      <h1>Không tìm thấy</h1>
      <p>Trang này không có, hoặc nằm ngoài phạm vi đơn vị của bạn.</p>
    </section>
  );
}
