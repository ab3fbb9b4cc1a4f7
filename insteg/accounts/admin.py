from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from insteg.accounts.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0


@admin.register(User)
class InstegUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "org_number", "is_sme", "verified_at"]
    list_filter = ["kind", "is_sme"]
    search_fields = ["name", "org_number"]
