app_name = "advising"
urlpatterns: list = []
