"""The competence vocabularies drawn from the domain source, as loaded by migration.

Staff keep them in the admin afterwards; this module is the initial content and
the reference for demo data. Each entry: (code, French label, English label[, category]).
"""

SECTORS = [
    ("industrie", "Industrie", "Industry"),
    ("architecture", "Architecture", "Architecture"),
    ("immobilier", "Immobilier", "Real estate"),
    ("btp", "Bâtiment et travaux publics (BTP)", "Construction and public works"),
    ("informatique", "Informatique et projets numériques", "IT and digital projects"),
]

# Experience in one of a pair counts in part for the other.
SECTOR_ADJACENCY = [
    ("btp", "architecture"),
    ("btp", "immobilier"),
    ("architecture", "immobilier"),
    ("industrie", "btp"),
]

TOOLS = [
    ("excel", "Microsoft Excel", "Microsoft Excel", "spreadsheet"),
    ("google_sheets", "Google Sheets", "Google Sheets", "spreadsheet"),
    ("outlook", "Outlook", "Outlook", "messaging"),
    ("ms_teams", "Microsoft Teams", "Microsoft Teams", "messaging"),
    ("sap", "SAP", "SAP", "management"),
    ("oracle_erp", "Oracle ERP", "Oracle ERP", "management"),
    ("sage", "Sage", "Sage", "management"),
    ("ms_project", "Microsoft Project", "Microsoft Project", "pmo"),
    ("jira", "Jira", "Jira", "pmo"),
    ("confluence", "Confluence", "Confluence", "pmo"),
    ("planisware", "Planisware", "Planisware", "pmo"),
    ("primavera", "Primavera P6", "Primavera P6", "planning"),
    ("gantt_project", "GanttProject", "GanttProject", "planning"),
    ("sciforma", "Sciforma", "Sciforma", "planning"),
    ("maximo", "IBM Maximo (GMAO)", "IBM Maximo (CMMS)", "maintenance"),
    ("carl_source", "CARL Source (GMAO)", "CARL Source (CMMS)", "maintenance"),
    ("jmeter", "Apache JMeter", "Apache JMeter", "performance"),
    ("loadrunner", "LoadRunner", "LoadRunner", "performance"),
    ("dynatrace", "Dynatrace", "Dynatrace", "performance"),
    ("selenium", "Selenium", "Selenium", "testing"),
    ("alm", "HP ALM / Quality Center", "HP ALM / Quality Center", "testing"),
    ("squash_tm", "Squash TM", "Squash TM", "testing"),
    ("revit", "Revit (BIM)", "Revit (BIM)", "modelling"),
    ("autocad", "AutoCAD", "AutoCAD", "modelling"),
    ("enterprise_architect", "Enterprise Architect (UML)", "Enterprise Architect (UML)", "modelling"),
    ("sql_server", "SQL Server", "SQL Server", "database"),
    ("postgresql", "PostgreSQL", "PostgreSQL", "database"),
    ("oracle_db", "Oracle Database", "Oracle Database", "database"),
    ("power_bi", "Power BI", "Power BI", "development"),
    ("git", "Git", "Git", "development"),
]

SKILLS = [
    ("budgeting", "Budgétisation", "Budgeting"),
    ("specifications", "Rédaction de cahiers des charges", "Writing specifications"),
    ("acceptance_testing", "Recette", "Acceptance testing"),
    ("planning", "Planification", "Planning"),
    ("reporting", "Reporting", "Reporting"),
    ("performance_testing", "Tests de performance", "Performance testing"),
    ("risk_management", "Gestion des risques", "Risk management"),
    ("supply_chain", "Gestion de la supply chain", "Supply chain management"),
    ("financial_management", "Gestion financière", "Financial management"),
    ("modelling", "Modélisation", "Modelling"),
    ("databases", "Bases de données", "Databases"),
    ("development_tools", "Outils de développement", "Development tools"),
    ("technical_specifications", "Spécifications techniques", "Technical specifications"),
    ("deployment", "Mise en production", "Deployment to production"),
]


def load_vocabularies(*, sector_model, tool_model, skill_model) -> None:
    """Create the missing vocabulary entries; used by the data migration and after test flushes."""
    sectors = {}
    for code, fr, en in SECTORS:
        sectors[code], _ = sector_model.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})
    # Both directions explicitly: historical models do not mirror a symmetrical relation.
    for a, b in SECTOR_ADJACENCY:
        sectors[a].adjacent.add(sectors[b])
        sectors[b].adjacent.add(sectors[a])
    for code, fr, en, category in TOOLS:
        tool_model.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en, "category": category})
    for code, fr, en in SKILLS:
        skill_model.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})
