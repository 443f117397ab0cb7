// The signed-in frame: the menus of CONSOLE.md for the caller's roles, who is signed in, and
// the page.
import { NavLink, Outlet } from "react-router-dom";
import { logout } from "../api/session";
import { administers, hasDesk, isNational, isPlatformAdmin, isReception, type Me, useMe } from "./me";

interface MenuItem {
  to: string;
  label: string;
}

function menus(me: Me): { title: string; items: MenuItem[] }[] {
  const groups: { title: string; items: MenuItem[] }[] = [];
  if (isNational(me)) {
    const national: MenuItem[] = [{ to: "/bo/tinh", label: "Các tỉnh, thành phố" }];
    if (isPlatformAdmin(me)) national.push({ to: "/bo/cong-viec-nen", label: "Công việc nền" });
    groups.push({ title: "Cấp bộ", items: national });
  } else {
    const policy: MenuItem[] = [];
    if (hasDesk(me)) policy.push({ to: "/ho-so", label: "Hồ sơ của tôi" });
    if (isReception(me)) policy.push({ to: "/ho-so/moi", label: "Thêm mới hồ sơ" });
    policy.push({ to: "/tra-cuu", label: "Tra cứu hồ sơ" });
    groups.push({ title: "Đăng ký, giải quyết chính sách", items: policy });
    if (administers(me)) {
      groups.push({
        title: "Quản trị",
        items: [
          { to: "/quan-tri/can-bo", label: "Cán bộ và vai trò" },
          { to: "/quan-tri/don-vi", label: "Danh mục hành chính" },
          { to: "/quan-tri/cau-hinh", label: "Phiên bản cấu hình" },
        ],
      });
    }
  }
  const settings: MenuItem[] = [{ to: "/tai-khoan", label: "Thông tin tài khoản" }];
  if (!isNational(me)) {
    settings.push(
      { to: "/thiet-lap/quy-trinh", label: "Quy trình và thời gian xử lý" },
      { to: "/thiet-lap/lich", label: "Lịch làm việc" },
    );
  }
  groups.push({ title: "Thiết lập chung", items: settings });
  return groups;
}

export function Layout() {
  const me = useMe();
  return (
    <div className="frame">
      <a className="skip" href="#main">
        Bỏ qua menu
      </a>
      <header className="top">
        <span className="brand">Ansinh · {me.tenant.fullName}</span>
        <span className="who">
          {me.displayName} ({me.username})
        </span>
        <button type="button" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      <nav className="side" aria-label="Menu chính">
        {menus(me).map((group) => (
          <div key={group.title} className="menu-group">
            <h2>{group.title}</h2>
            <ul>
              {group.items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
