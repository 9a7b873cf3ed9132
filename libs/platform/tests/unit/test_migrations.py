"""Migration files are found in order and malformed folders are refused."""
import pytest

from runtime.migrations import MigrationError, discover, plan


def test_discover_orders_by_number(tmp_path):
    (tmp_path / "0002_second.sql").write_text("SELECT 2;")
    (tmp_path / "0001_first.sql").write_text("SELECT 1;")
    steps = discover("service", tmp_path)
    assert [s.version for s in steps] == ["service:0001_first.sql", "service:0002_second.sql"]


@pytest.mark.parametrize("bad", ["1_short.sql", "0001-dash.sql", "0001_Upper.sql"])
def test_discover_refuses_badly_named_files(tmp_path, bad):
    (tmp_path / bad).write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="NNNN_lowercase_name"):
        discover("service", tmp_path)


def test_discover_refuses_duplicate_numbers(tmp_path):
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0001_b.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="share a number"):
        discover("service", tmp_path)


def test_plan_puts_platform_tables_first(tmp_path):
    (tmp_path / "0001_orders.sql").write_text("CREATE TABLE orders (id int);")
    versions = [s.version for s in plan(tmp_path)]
    assert versions[0] == "platform:0001_outbox_inbox.sql"
    assert versions[-1] == "service:0001_orders.sql"


def test_plan_refuses_a_missing_service_folder(tmp_path):
    with pytest.raises(MigrationError, match="is missing"):
        plan(tmp_path / "nowhere")
